package com.imagecogni.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.RefusedStart;

/** The packaged application told to use S3 without a bucket and a region refuses to start, naming both in one line. */
class S3SettingsRequiredIT {

    @Test
    void s3WithoutBucketAndRegionStopsWithOneClearLine() throws Exception {
        Path keys = Path.of("target", "test-classes", "jwt").toAbsolutePath();
        String output = RefusedStart.output(Map.of("SMALLRYE_JWT_SIGN_KEY_LOCATION", "file:" + keys.resolve("privateKey.pem"),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + keys.resolve("publicKey.pem"), "IMAGECOGNI_STORAGE_TYPE", "s3",
                "IMAGECOGNI_STORAGE_S3_ENDPOINT", "http://127.0.0.1:9"));
        assertTrue(output.contains("imagecogni.storage.type=s3 needs imagecogni.storage.s3.bucket (IMAGECOGNI_STORAGE_S3_BUCKET)"
                + " and imagecogni.storage.s3.region (IMAGECOGNI_STORAGE_S3_REGION"), output);
    }
}
