package com.imagecogni.pipeline.metadata;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ExifEditorTest {

    @Test
    void orientationIsResetAndTheGpsBlockIsUnlinkedAndZeroed() {
        byte[] exif = TestMetadata.exifWithGps(6);
        byte[] edited = ExifEditor.forOutput(exif, false).orElseThrow();

        assertThat(edited).hasSameSizeAs(exif);
        ByteBuffer b = ByteBuffer.wrap(edited).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(8)).as("IFD0 entries").isEqualTo((short) 2);
        assertThat(b.getShort(10)).as("first tag: Make").isEqualTo((short) 0x010F);
        assertThat(b.getShort(22)).as("second tag: Orientation").isEqualTo((short) 0x0112);
        assertThat(b.getShort(30)).as("orientation value").isEqualTo((short) 1);
        assertThat(b.getInt(34)).as("next-IFD link moved up").isZero();
        assertThat(contains(edited, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(TestMetadata.LATITUDE_DEGREES).array())).as("latitude bytes").isFalse();
        assertThat(new String(edited, StandardCharsets.ISO_8859_1)).contains("TestCam");
    }

    @Test
    void keepGpsKeepsTheBlockButStillResetsOrientation() {
        byte[] edited = ExifEditor.forOutput(TestMetadata.exifWithGps(8), true).orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(edited).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(8)).isEqualTo((short) 3);
        assertThat(b.getShort(30)).isEqualTo((short) 1);
        assertThat(contains(edited, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(TestMetadata.LATITUDE_DEGREES).array())).isTrue();
    }

    @Test
    void aBlockItCannotWalkIsDroppedRatherThanPassedOn() {
        byte[] exif = TestMetadata.exifWithGps(1);
        ByteBuffer.wrap(exif).order(ByteOrder.LITTLE_ENDIAN).putInt(42, 10_000); // the GPS pointer leaves the block
        assertThat(ExifEditor.forOutput(exif, false)).isEmpty();
        assertThat(ExifEditor.forOutput(new byte[] {'X', 'X', 0, 0, 0, 0, 0, 0}, false)).isEmpty();
    }

    @Test
    void xmpLosesItsGpsPropertiesAndOrientation() {
        String edited = new String(XmpEditor.forOutput(TestMetadata.xmpWithGps(), false), StandardCharsets.UTF_8);
        assertThat(edited).doesNotContain("GPS").contains("tiff:Orientation=\"1\"").contains("Test Author");
        String kept = new String(XmpEditor.forOutput(TestMetadata.xmpWithGps(), true), StandardCharsets.UTF_8);
        assertThat(kept).contains("exif:GPSLatitude=\"48,8.2N\"").contains("<exif:GPSLongitude>");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
