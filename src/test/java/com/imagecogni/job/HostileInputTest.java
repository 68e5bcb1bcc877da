package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.decode.AttackFiles;
import com.imagecogni.support.Api;
import com.imagecogni.support.Images;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Bombs, lies and hostile names through the whole service: each fails alone or is made safe; the worker goes on. */
@QuarkusTest
class HostileInputTest extends ReceivingCustomerTest {

    @Override
    String operations() {
        return "[{\"type\": \"resize\", \"sizes\": [{\"width\": 16}]}]";
    }

    @Test
    void bombsFailAloneBeforeAnyPixelIsAllocated() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a-good.png", Images.gradient(64, 64, "png"));
        files.put("b-huge.png", pngDeclaring(30000, 30000));
        files.put("c-frames.gif", TestImages.animatedGif(8, 8, 3000));
        String jobId = JobFixtures.upload(key, configId, files).then().statusCode(202).extract().path("jobId");
        Map<String, byte[]> zip = deliveredZip(jobId);

        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("status", equalTo("completed"))
                .body("sources.find { it.name == 'a-good.png' }.status", equalTo("succeeded"))
                .body("sources.find { it.name == 'b-huge.png' }.error.reason", equalTo("too_many_pixels"))
                .body("sources.find { it.name == 'c-frames.gif' }.error.reason", equalTo("too_many_frames"))
                .body("credits.refunded", equalTo(2));
        assertTrue(zip.containsKey("output/16w/a-good.png"));
        String manifest = new String(zip.get("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("too_many_pixels") && manifest.contains("too_many_frames"), manifest);

        // the worker survived and takes the next job
        String next = JobFixtures.upload(key, configId, Map.of("d.png", Images.gradient(32, 32, "png"))).then().statusCode(202)
                .extract().path("jobId");
        deliveredZip(next);
    }

    /**
     * Issue #12's files, whose header and image data disagree: each fails alone from its header, the good source
     * succeeds, three credits come back, and the job completes on its first attempt (the 145-byte TIFF used to run
     * out of memory on all three attempts and take its good sibling down with it).
     */
    @Test
    void headerAndDataDisagreeingFailAloneOnTheFirstAttempt() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a-good.png", Images.gradient(64, 64, "png"));
        files.put("b-two-frames.webp", AttackFiles.webpTwoFrames(16383));
        files.put("c-embedded.bmp", AttackFiles.bmpEmbedded(4));
        files.put("d-tiles.tif", AttackFiles.tiffHugeTiles());
        String jobId = JobFixtures.upload(key, configId, files).then().statusCode(202).extract().path("jobId");
        Map<String, byte[]> zip = deliveredZip(jobId);

        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("status", equalTo("completed"))
                .body("sources.find { it.name == 'a-good.png' }.status", equalTo("succeeded"))
                .body("sources.find { it.name == 'b-two-frames.webp' }.error.reason", equalTo("corrupt_image"))
                .body("sources.find { it.name == 'c-embedded.bmp' }.error.reason", equalTo("unsupported_format"))
                .body("sources.find { it.name == 'd-tiles.tif' }.error.reason", equalTo("corrupt_image"))
                .body("credits.refunded", equalTo(3));
        assertTrue(zip.containsKey("output/16w/a-good.png"));
        assertEquals(1, db.one("select attempts from job where id = $1", UUID.fromString(jobId)).getInteger("attempts"));
    }

    @Test
    void contentDecidesTheFormatAndOutputsAreReencodedWithoutMetadata() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] exifJpeg = TestImages.jpegWithOrientation(TestImages.gradient(40, 20), 6);
        files.put("really-a-png.jpg", Images.gradient(40, 20, "png"));
        files.put("with-exif.jpg", exifJpeg);
        String jobId = JobFixtures.upload(key, configId, files).then().statusCode(202).extract().path("jobId");
        Map<String, byte[]> zip = deliveredZip(jobId);
        byte[] png = zip.get("output/16w/really-a-png.png");
        assertTrue(png != null && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG named .jpg is processed and written as PNG: "
                + zip.keySet());
        byte[] jpeg = zip.get("output/16w/with-exif.jpg");
        assertFalse(new String(jpeg, StandardCharsets.ISO_8859_1).contains("Exif"), "no EXIF left in the output");
        // orientation 6 was applied: the 40x20 source stands upright as 20x40, so 16 wide is 16x32
        assertEquals(32, Images.size(jpeg)[1]);
    }

    @Test
    void hostileNamesBecomeSafeZipEntries() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] png = Images.gradient(20, 20, "png");
        files.put("../../etc/passwd.png", png);
        files.put("/abs/olute.png", png);
        files.put("back\\slash.png", png);
        files.put("x".repeat(4000) + ".png", png);
        files.put("same.png", png);
        files.put("SAME.png", png);
        String jobId = JobFixtures.upload(key, configId, files).then().statusCode(202).extract().path("jobId");
        Map<String, byte[]> zip = deliveredZip(jobId);
        for (String name : zip.keySet()) {
            assertFalse(name.contains("..") || name.startsWith("/") || name.contains("\\") || name.chars().anyMatch(c -> c < 32),
                    "unsafe entry " + name);
            assertTrue(name.length() < 300, "bounded entry name length: " + name.length());
            assertTrue(name.equals("manifest.json") || name.startsWith("configuration/") || name.startsWith("output/16w/"), name);
        }
        assertEquals(8, zip.size(), zip.keySet().toString());
    }

    private Map<String, byte[]> deliveredZip(String jobId) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        return JobFlowTest.unzip(receiver.receivedFor(jobId).get(0).parts().get("outputZipFile").content());
    }

    /** A PNG signature and an IHDR declaring the given size, then nothing: ~50 bytes that promise gigabytes. */
    static byte[] pngDeclaring(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0)
                .put((byte) 0).put((byte) 0).array();
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(ihdr);
        byte[] chunk = ByteBuffer.allocate(25).putInt(13).put(type).put(ihdr).putInt((int) crc.getValue()).array();
        byte[] signature = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
        return TestImages.concat(signature, chunk, new byte[100_000]);
    }
}
