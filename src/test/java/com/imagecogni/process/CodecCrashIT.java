package com.imagecogni.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.codec.heif.HeifFiles;
import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;

import io.restassured.path.json.JsonPath;

/**
 * A process that dies inside a native decoder (a fault there is a SIGSEGV or an abort, not an exception) costs the
 * source it was decoding, not the replica fleet: the process is killed with SIGKILL at the moment the database says
 * it is inside libheif's decode of the first source; the replica that takes the job up again fails that source as
 * {@code codec_crash}, refunds it, and delivers its sibling.
 */
class CodecCrashIT {

    @Test
    void aSourceWhoseDecodeKilledTheProcessFailsAloneOnTheNextAttempt() throws Exception {
        BufferedImage photo = TestImages.gradient(4000, 3000); // 12 MP: libheif needs a good part of a second
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a-crashes.heic", HeifFiles.heic(photo, 50, 1));
        files.put("b-fine.png", Images.gradient(64, 48, "png"));
        try (PostbackReceiver receiver = new PostbackReceiver()) {
            ServiceProcess first = ServiceProcess.start("codec-crash-a", Map.of());
            Customer customer = Customer.signUp(first);
            String config = customer.configuration(first, receiver.url(), "[{\"type\": \"resize\", \"sizes\": [{\"width\": 32}]}]");
            String jobId = customer.upload(first, config, files).then().statusCode(202).extract().path("jobId");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> !TestDb.column(
                    "select position from job_source where job_id = ?::uuid and native_call_at is not null", jobId).isEmpty());
            first.kill(); // as a segfault in libheif would

            assertEquals(List.of("1"), TestDb.column(
                    "select position from job_source where job_id = ?::uuid and native_call_at is not null", jobId));
            try (ServiceProcess second = ServiceProcess.start("codec-crash-b", Map.of())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFor(jobId).isEmpty());
                await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(customer.job(second, jobId).path("status")));
                JsonPath job = customer.job(second, jobId).then().statusCode(200).extract().jsonPath();
                assertEquals("failed", job.getString("sources.find { it.name == 'a-crashes.heic' }.status"));
                assertEquals("codec_crash", job.getString("sources.find { it.name == 'a-crashes.heic' }.error.reason"));
                assertEquals("succeeded", job.getString("sources.find { it.name == 'b-fine.png' }.status"));
                assertEquals(job.getInt("credits.reserved") / 2, job.getInt("credits.refunded"));
                assertEquals(List.of("2"), TestDb.column("select attempts from job where id = ?::uuid", jobId));
            }
        }
    }
}
