package com.imagecogni.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link TestDatabase} for every {@code @QuarkusTest} (test resources apply globally). */
@QuarkusTestResource(TestDatabase.class)
public class TestDatabaseResource {
}
