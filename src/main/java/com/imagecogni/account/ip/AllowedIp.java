package com.imagecogni.account.ip;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An allow-listed address or CIDR block from which the account's API keys may be used. */
@Entity
@Table(name = "allowed_ip")
public class AllowedIp extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** Canonical text, see {@link com.imagecogni.common.IpAddresses#canonical}. */
    @Column(nullable = false)
    public String address;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
