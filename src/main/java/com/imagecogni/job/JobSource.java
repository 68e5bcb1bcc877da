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

/** One source of a job and what became of it (its bytes are read by the worker only, with SQL). */
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
