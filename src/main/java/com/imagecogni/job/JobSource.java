package com.imagecogni.job;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One source of a job, uploaded or named by URL, and what became of it (its bytes are in the blob store). */
@Entity
@Table(name = "job_source")
@IdClass(JobSource.Key.class)
public class JobSource extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    public int position;

    public String name;

    public long size;

    /** pending, succeeded, failed. */
    public String status;

    @Column(name = "error_reason")
    public String errorReason;

    @Column(name = "error_message")
    public String errorMessage;

    /** The URL the source is fetched from; null for an uploaded file. */
    public String url;

    /** The HTTP status the origin of a source URL answered with, when that is why the fetch failed. */
    @Column(name = "upstream_status")
    public Integer upstreamStatus;

    /** Composite key: job and position (1-based, upload order). */
    public static class Key implements Serializable {
        public UUID jobId;
        public int position;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.position == position && Objects.equals(k.jobId, jobId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, position);
        }
    }
}
