package com.imagecogni.queue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * One LISTEN connection per replica for the queue's NOTIFY channels, reconnecting by itself when
 * PostgreSQL restarts; listeners are woken on the event loop and must not block.
 */
@ApplicationScoped
public class QueueNotifications {

    public static final String JOBS = "imagecogni_jobs";
    public static final String DELIVERIES = "imagecogni_deliveries";
    /** A job's processing ended (V13): its id, for requests waiting on it. */
    public static final String JOBS_DONE = "imagecogni_job_done";

    private static final Logger LOG = Logger.getLogger(QueueNotifications.class);

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final List<Runnable> jobListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> deliveryListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> doneListeners = new CopyOnWriteArrayList<>();
    private PgSubscriber subscriber;
    private volatile boolean stopped;

    public void onJob(Runnable listener) {
        jobListeners.add(listener);
    }

    public void onDelivery(Runnable listener) {
        deliveryListeners.add(listener);
    }

    /** Hears the id of every job whose processing ended, on any replica. */
    public void onJobDone(Consumer<String> listener) {
        doneListeners.add(listener);
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user)
                .setPassword(password.orElse(""));
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(JOBS).handler(payload -> jobListeners.forEach(Runnable::run));
        subscriber.channel(DELIVERIES).handler(payload -> deliveryListeners.forEach(Runnable::run));
        subscriber.channel(JOBS_DONE).handler(payload -> doneListeners.forEach(listener -> listener.accept(payload)));
        connect();
    }

    // the reconnect policy covers a lost connection; a first connect that fails is retried here
    private void connect() {
        subscriber.connect().subscribe().with(
                ignored -> LOG.debug("listening for queue notifications"),
                failure -> {
                    if (stopped) {
                        return;
                    }
                    LOG.warnf("cannot LISTEN for queue notifications yet (%s); polling meanwhile", failure.getMessage());
                    vertx.setTimer(2000, id -> connect());
                });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close().subscribe().with(ignored -> { }, failure -> { });
        }
    }
}
