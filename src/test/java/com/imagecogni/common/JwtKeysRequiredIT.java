package com.imagecogni.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.RefusedStart;

/** The packaged application in the prod profile refuses to start without JWT keys, saying so in one line. */
class JwtKeysRequiredIT {

    @Test
    void prodWithoutKeysStopsWithOneClearLine() throws Exception {
        String output = RefusedStart.output(Map.of());
        assertTrue(output.contains("JWT keys missing: set mp.jwt.verify.publickey.location"), output);
    }
}
