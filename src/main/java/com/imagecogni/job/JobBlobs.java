package com.imagecogni.job;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a job's bytes are in the {@link com.imagecogni.storage.BlobStore}, every one under the job's prefix
 * {@code jobs/{jobId}/}, so retention removes them all with one prefix delete:
 * <ul>
 * <li>{@code jobs/{jobId}/sources/{position}}: an uploaded source, as received (position 1.., as in
 * {@code job_source});</li>
 * <li>{@code jobs/{jobId}/results/{id}.zip}: a result ZIP, under a new id for every processing attempt; the one
 * {@code job_result.blob_key} names is the job's result. An attempt that lost its lease never overwrites the result
 * another attempt recorded (two renders of one job differ in their ZIP entry times, so they would not match the
 * recorded size and SHA-256).</li>
 * </ul>
 */
public final class JobBlobs {

    static final String ROOT = "jobs/";

    private JobBlobs() {
    }

    /** Every blob of the job starts with this. */
    public static String prefix(UUID jobId) {
        return ROOT + jobId + "/";
    }

    public static String source(UUID jobId, int position) {
        return prefix(jobId) + "sources/" + position;
    }

    /** A new key for a result ZIP of the job. */
    public static String newResult(UUID jobId) {
        return prefix(jobId) + "results/" + UUID.randomUUID() + ".zip";
    }

    /** The job a key belongs to, if it is a job's key. */
    public static Optional<UUID> jobOf(String key) {
        if (!key.startsWith(ROOT)) {
            return Optional.empty();
        }
        int end = key.indexOf('/', ROOT.length());
        try {
            return Optional.of(UUID.fromString(key.substring(ROOT.length(), end < 0 ? key.length() : end)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
