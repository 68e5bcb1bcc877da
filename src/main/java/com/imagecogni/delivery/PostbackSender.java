package com.imagecogni.delivery;

import java.time.Instant;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.imagecogni.common.ImagecogniConfig;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Sends one signed postback and reports what happened, never throwing: any status, a timeout
 * or a connection failure becomes an {@link Outcome} for the retry schedule.
 */
@ApplicationScoped
public class PostbackSender {

    @Inject
    @RestClient
    PostbackApi api;

    @Inject
    ImagecogniConfig config;

    /** What one attempt got: the HTTP status (null when none arrived) and an error text. */
    public record Outcome(Integer status, String error, long durationMs) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }

        public boolean gone() {
            return status != null && status == 410;
        }
    }

    /** The payload of one postback. */
    public record Postback(String url, String webhookId, String secret, String jobId, String configId, byte[] zip) {
    }

    public Uni<Outcome> send(Postback postback) {
        MultipartBody body = new MultipartBody().file("outputZipFile", postback.jobId() + ".zip", "application/zip", postback.zip())
                .field("jobId", postback.jobId()).field("configId", postback.configId());
        byte[] bytes = body.bytes();
        long timestamp = Instant.now().getEpochSecond();
        String signature = WebhookSigner.sign(postback.secret(), postback.webhookId(), timestamp, bytes);
        long start = System.nanoTime();
        return api.post(postback.url(), body.contentType(), postback.webhookId(), Long.toString(timestamp), signature, bytes)
                .ifNoItem().after(config.postback().timeout()).fail()
                .map(response -> outcome(response.getStatus(), null, start))
                .onFailure().recoverWithItem(failure -> failure instanceof WebApplicationException web
                        && web.getResponse() != null ? outcome(web.getResponse().getStatus(), null, start)
                        : outcome(null, describe(failure), start));
    }

    private static Outcome outcome(Integer status, String error, long start) {
        String text = error;
        if (text == null && status != null && (status < 200 || status >= 300)) {
            text = "answered " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
        }
        return new Outcome(status, text, (System.nanoTime() - start) / 1_000_000);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof io.smallrye.mutiny.TimeoutException) {
            return "no answer within the time limit";
        }
        String message = failure.getMessage();
        return message == null ? "connection failed" : "connection failed: " + message;
    }

}
