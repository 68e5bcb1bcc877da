package com.imagecogni.account;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer account: its login, status, current plan and postback signing secret. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Lower-cased. */
    @Column(nullable = false)
    public String email;

    /** bcrypt, set when the account is verified. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "varchar(16)")
    public AccountStatus status;

    @Column(nullable = false)
    public String plan;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    /**
     * The postback signing secret ({@code whsec_…}), created with the account. Only inserted from
     * here: rotation replaces it with SQL, which a later save of this entity must not undo.
     */
    @Column(name = "webhook_secret", nullable = false, updatable = false)
    public String webhookSecret;

    public static Uni<Account> findByEmail(String normalisedEmail) {
        return find("email", normalisedEmail).firstResult();
    }

    public boolean isActive() {
        return status == AccountStatus.active;
    }
}
