package com.imagecogni.process;

import java.util.Map;

/** The storage types a benchmark can run the service on, with what each needs running beside it. */
final class BenchStorage {

    private BenchStorage() {
    }

    static SoakBench.StorageUnderTest of(String type) {
        return switch (type) {
            case "database" -> new SoakBench.StorageUnderTest() {
                @Override
                public String name() {
                    return "database";
                }

                @Override
                public Map<String, String> env() {
                    return Map.of("IMAGECOGNI_STORAGE_TYPE", "database");
                }
            };
            default -> throw new IllegalArgumentException("storage type " + type + ": database or s3");
        };
    }
}
