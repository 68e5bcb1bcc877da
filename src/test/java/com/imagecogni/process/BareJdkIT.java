package com.imagecogni.process;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.codec.heif.HeifFiles;
import com.imagecogni.support.PostbackReceiver;

import io.restassured.RestAssured;

/**
 * A replica without the native codecs (switched off here as a missing library would leave them) still serves JPEG,
 * PNG and WebP through the embedded ImageIO codecs, refuses HEIC with 415 {@code format_not_available} naming the
 * package to install, refuses an {@code avif} output at save, and says all of this in its health report.
 */
class BareJdkIT {

    @Test
    void withoutNativeCodecsJpegStillWorksAndHeicIsRefusedWithWhatToInstall() throws Exception {
        Map<String, String> env = Map.of("IMAGECOGNI_CODECS_DISABLED", "turbojpeg,libheif,libwebp,libjxl");
        try (PostbackReceiver receiver = new PostbackReceiver();
                ServiceProcess service = ServiceProcess.start("bare-jdk", env)) {
            Customer customer = Customer.signUp(service);
            String config = customer.configuration(service, receiver.url(),
                    "[{\"type\": \"resize\", \"sizes\": [{\"width\": 50}]}, {\"type\": \"convert\", \"formats\": [\"jpeg\", \"webp\"]}]");

            customer.upload(service, config, "iphone.heic", HeifFiles.heic(TestImages.gradient(64, 48), 60, 1)).then()
                    .statusCode(415).body("code", equalTo("format_not_available")).body("detail", containsString("libheif1"));

            String jobId = customer.upload(service, config, "photo.jpg", TestImages.encode(TestImages.gradient(100, 80), "jpeg"))
                    .then().statusCode(202).extract().path("jobId");
            await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFor(jobId).isEmpty());
            assertEquals("succeeded", customer.job(service, jobId).path("sources[0].status"));

            Customer.json(service).header("Authorization", customer.apiKey)
                    .body("{\"name\": \"avif\", \"postbackUrl\": \"" + receiver.url() + "\", \"operations\":"
                            + " [{\"type\": \"convert\", \"formats\": [\"avif\"]}]}")
                    .post("/api/v1/configurations").then().statusCode(422)
                    .body("errors[0].path", equalTo("$.operations[0].formats[0]"));

            RestAssured.given().baseUri("http://127.0.0.1").port(service.managementPort).get("/q/health/ready").then()
                    .body("checks.find { it.name == 'image codecs' }.data.jpeg", equalTo("read: ImageIO; write: ImageIO"))
                    .body("checks.find { it.name == 'image codecs' }.data.heic", equalTo("read: not available"))
                    .body("checks.find { it.name == 'image codecs' }.data.jxl", equalTo("read: not available; write: not available"));
        }
    }
}
