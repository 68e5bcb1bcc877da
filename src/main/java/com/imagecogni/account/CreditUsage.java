package com.imagecogni.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Credits an account consumed in one billing period (a calendar month, UTC). */
@Entity
@Table(name = "credit_usage")
public class CreditUsage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(nullable = false)
    public long used;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
