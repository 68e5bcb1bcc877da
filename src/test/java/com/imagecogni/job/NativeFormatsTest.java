package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.codec.heif.HeifFiles;
import com.imagecogni.pipeline.codec.jxl.JxlEncoder;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.support.Api;
import com.imagecogni.support.IndependentDecoders;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue #13's "done when": an iPhone-style HEIC (rotated by its container), an AVIF and a JPEG XL posted to
 * /api/v1/jobs come back in the ZIP as the configured JPEG, WebP, AVIF and JPEG XL outputs, at the right size and orientation, each decoded by a
 * decoder that shares no code with ours.
 */
@QuarkusTest
class NativeFormatsTest extends ReceivingCustomerTest {

    private static final Color TOP_LEFT = new Color(220, 30, 30);
    private static final Color REST = new Color(30, 60, 200);

    @Override
    String operations() {
        return "[{\"type\": \"resize\", \"sizes\": [{\"width\": 120}]},"
                + " {\"type\": \"compress\", \"quality\": 80, \"effort\": 2},"
                + " {\"type\": \"convert\", \"formats\": [\"jpeg\", \"webp\", \"avif\", \"jxl\"]}]";
    }

    /** 320x240 stored, red top-left quarter: where the red ends up tells the orientation. */
    private static BufferedImage marked() {
        BufferedImage image = TestImages.filled(320, 240, REST);
        Graphics2D g = image.createGraphics();
        g.setColor(TOP_LEFT);
        g.fillRect(0, 0, 160, 120);
        g.dispose();
        return image;
    }

    @Test
    void heicAndAvifBecomeJpegWebpAndAvifOutputs() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("iphone.heic", HeifFiles.heic(marked(), 85, 6)); // stored landscape, shown rotated 90 degrees clockwise
        files.put("plain.avif", HeifFiles.avif(marked(), 85));
        files.put("still.jxl", new JxlEncoder().encode(marked(), new EncodeOptions(90, false, true)));
        String jobId = JobFixtures.upload(key, configId, files).then().statusCode(202).extract().path("jobId");
        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        Map<String, byte[]> zip = JobFlowTest.unzip(receiver.receivedFor(jobId).get(0).parts().get("outputZipFile").content());

        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("status", equalTo("completed"))
                .body("sources.status", org.hamcrest.Matchers.everyItem(equalTo("succeeded")));
        // the HEIC is portrait once its rotation is applied: 120 wide, 160 high, red now at the top right
        assertOriented(TestImages.decodePlain(zip.get("output/120w/iphone.jpg")), 120, 160, true);
        assertOriented(IndependentDecoders.dwebp(zip.get("output/120w/iphone.webp")), 120, 160, true);
        assertOriented(IndependentDecoders.avifdec(zip.get("output/120w/iphone.avif")), 120, 160, true);
        // the AVIF keeps its landscape orientation: 120 x 90, red at the top left
        assertOriented(TestImages.decodePlain(zip.get("output/120w/plain.jpg")), 120, 90, false);
        assertOriented(IndependentDecoders.dwebp(zip.get("output/120w/plain.webp")), 120, 90, false);
        assertOriented(IndependentDecoders.avifdec(zip.get("output/120w/plain.avif")), 120, 90, false);
        // JPEG XL in and out (djxl reads the output)
        assertOriented(TestImages.decodePlain(zip.get("output/120w/still.jpg")), 120, 90, false);
        assertOriented(IndependentDecoders.djxl(zip.get("output/120w/iphone.jxl")), 120, 160, true);
        assertOriented(IndependentDecoders.djxl(zip.get("output/120w/still.jxl")), 120, 90, false);
        String ftyp = new String(zip.get("output/120w/plain.avif"), 4, 8, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("ftypavif", ftyp);
    }

    @Test
    void healthSaysWhichCodecReadsAndWritesEachFormat() {
        Api.management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'image codecs' }.data.heic", containsString("read: libheif"))
                .body("checks.find { it.name == 'image codecs' }.data.avif", containsString("write: libheif"))
                .body("checks.find { it.name == 'image codecs' }.data.jpeg", equalTo("read: libjpeg-turbo; write: libjpeg-turbo"));
    }

    private static void assertOriented(BufferedImage image, int width, int height, boolean redTopRight) {
        assertEquals(width, image.getWidth(), "width");
        assertEquals(height, image.getHeight(), "height");
        int topLeft = image.getRGB(5, 5);
        int topRight = image.getRGB(width - 6, 5);
        int red = redTopRight ? topRight : topLeft;
        int other = redTopRight ? topLeft : topRight;
        assertTrue(TestImages.red(red) > 180 && TestImages.blue(red) < 90, "red corner: " + Integer.toHexString(red));
        assertTrue(TestImages.blue(other) > 150 && TestImages.red(other) < 90, "blue corner: " + Integer.toHexString(other));
    }
}
