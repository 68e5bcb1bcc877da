package com.imagecogni.process;

import java.util.Map;

import com.imagecogni.support.S3Server;

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

                @Override
                public long storedBytes() {
                    return Long.parseLong(TestDb.column("select coalesce(sum(octet_length(data)), 0) from blob_chunk").get(0));
                }
            };
            case "s3" -> new S3Storage(S3Server.start());
            default -> throw new IllegalArgumentException("storage type " + type + ": database or s3");
        };
    }

    /** An S3 server (S3Proxy on its filesystem backend) in the benchmark's JVM, its CPU counted with the benchmark's. */
    private record S3Storage(S3Server server) implements SoakBench.StorageUnderTest {
        @Override
        public String name() {
            return "s3";
        }

        @Override
        public Map<String, String> env() {
            return server.environment();
        }

        @Override
        public long storedBytes() {
            return server.storedBytes();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
