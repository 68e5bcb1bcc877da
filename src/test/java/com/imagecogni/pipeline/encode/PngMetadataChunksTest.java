package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.metadata.TestMetadata;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class PngMetadataChunksTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    @Test
    void writtenChunksAreReadBackByOurReaderAndTheJdkStillDecodesTheImage() throws IOException {
        SourceMetadata metadata = new SourceMetadata(TestMetadata.exifWithGps(1), TestMetadata.xmpWithGps(),
                TestMetadata.displayP3());
        byte[] png = new PngEncoder().encode(TestImages.gradient(40, 30), EncodeOptions.DEFAULT, metadata);

        SourceMetadata read = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(png).metadata();
        assertThat(read.exif()).isEqualTo(metadata.exif());
        assertThat(read.xmp()).isEqualTo(metadata.xmp());
        assertThat(read.icc()).isEqualTo(metadata.icc());

        // the chunks are well-formed: the JDK's reader (which checks their CRCs) still decodes the image
        BufferedImage jdk = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(jdk.getWidth()).isEqualTo(40);
    }

    @Test
    void withoutMetadataTheBytesAreUnchanged() {
        byte[] plain = new PngEncoder().encode(TestImages.gradient(10, 10), EncodeOptions.DEFAULT);
        assertThat(new PngEncoder().encode(TestImages.gradient(10, 10), EncodeOptions.DEFAULT, SourceMetadata.NONE))
                .isEqualTo(plain);
    }
}
