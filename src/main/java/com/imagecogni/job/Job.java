package com.imagecogni.job;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A job as the status endpoints read it (the queue writes it with SQL in {@link JobQueue}). */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "configuration_id")
    public UUID configurationId;

    @Column(name = "configuration_version")
    public int configurationVersion;

    /** queued, processing, delivering, completed, failed. */
    public String status;

    @Column(name = "sources_count")
    public int sourcesCount;

    @Column(name = "credits_reserved")
    public int creditsReserved;

    @Column(name = "credits_refunded")
    public int creditsRefunded;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "webhook_id")
    public String webhookId;

    /** Processing attempts made, as of the last recorded outcome. */
    public int attempts;

    public String error;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** pending, delivered, gone, exhausted. */
    @Column(name = "delivery_state")
    public String deliveryState;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /**
     * When retention purges the result and sources: set by the database when the job ends (V9's
     * trigger), null while it is queued, processed or delivered. Never written from Java.
     */
    @Column(name = "purge_after", insertable = false, updatable = false)
    public Instant purgeAfter;

    /** Progress while processing (V13), written by the worker's {@link JobProgress}, never by the entity. */
    @Column(name = "sources_done", insertable = false, updatable = false)
    public int sourcesDone;

    @Column(name = "outputs_done", insertable = false, updatable = false)
    public int outputsDone;

    /** Outputs the job makes of all its sources; null until its processing starts. */
    @Column(name = "outputs_total", insertable = false, updatable = false)
    public Integer outputsTotal;
}
