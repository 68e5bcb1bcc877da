package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FormatSnifferTest {

    /** An ISO BMFF ftyp box with a major brand and compatible brands. */
    private static byte[] ftyp(String major, String... compatible) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 * compatible.length + 8);
        b.putInt(16 + 4 * compatible.length).put(ascii("ftyp")).put(ascii(major)).putInt(0);
        for (String brand : compatible) {
            b.put(ascii(brand));
        }
        return b.putInt(8).put(ascii("meta")).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void heifBrandsAreTold() {
        assertThat(FormatSniffer.detect(ftyp("heic", "mif1", "heic"))).contains(ImageFormat.HEIC);
        assertThat(FormatSniffer.detect(ftyp("mif1", "mif1", "heix"))).contains(ImageFormat.HEIC);
        assertThat(FormatSniffer.detect(ftyp("avif", "mif1", "miaf"))).contains(ImageFormat.AVIF);
        // generic HEIF whose compatible brands say AV1
        assertThat(FormatSniffer.detect(ftyp("mif1", "mif1", "avif"))).contains(ImageFormat.AVIF);
        // an MP4 video is ISO BMFF too, and not an image
        assertThat(FormatSniffer.detect(ftyp("isom", "isom", "mp41"))).isEmpty();
    }

    @Test
    void jpegXlCodestreamAndContainerAreTold() {
        assertThat(FormatSniffer.detect(new byte[] {(byte) 0xFF, 0x0A, 0x7A, 0x00})).contains(ImageFormat.JXL);
        byte[] container = {0, 0, 0, 12, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};
        assertThat(FormatSniffer.detect(container)).contains(ImageFormat.JXL);
    }

    @Test
    void aTruncatedFtypIsNotAnImage() {
        assertThat(FormatSniffer.detect(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e'})).isEmpty();
    }
}
