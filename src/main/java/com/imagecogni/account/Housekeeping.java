package com.imagecogni.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Removes expired verification links and ended throttle windows. Safe on every replica at once. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    @Inject
    AttemptThrottle throttle;

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        // used or expired links are kept a day so a late click still gets a precise answer
        Instant cutoff = Instant.now().minus(1, ChronoUnit.DAYS);
        return Panache.withTransaction(() -> VerificationToken.delete("expiresAt < ?1", cutoff))
                .chain(tokens -> throttle.purgeExpired().invoke(windows -> {
                    if (tokens > 0 || windows > 0) {
                        LOG.infof("housekeeping removed %d verification tokens and %d throttle windows", tokens, windows);
                    }
                }))
                .replaceWithVoid();
    }
}
