package com.imagecogni.job;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.imagecogni.support.Images;
import com.imagecogni.support.Origin;

/**
 * Base of tests that need a job to stay in processing for a while: an origin on loopback whose {@code /slow.png}
 * answers after 2.5 s (the worker fetches sources by URL before it renders; tests give up on a fetch after 3 s), and a
 * configuration that resizes to 32 and 16 px.
 */
abstract class SlowSourceCustomerTest extends ReceivingCustomerTest {

    static final long SLOW_MILLIS = 2500;

    Origin origin;
    byte[] photo;

    @Override
    String operations() {
        return "[{\"type\": \"resize\", \"sizes\": [{\"width\": 32}, {\"width\": 16}]}]";
    }

    @BeforeEach
    void slowOrigin() throws Exception {
        origin = new Origin();
        photo = Images.gradient(64, 48, "png");
        origin.slow("/slow.png", SLOW_MILLIS, photo);
    }

    @AfterEach
    void closeOrigin() {
        origin.close();
    }
}
