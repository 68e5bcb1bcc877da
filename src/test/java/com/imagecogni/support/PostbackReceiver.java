package com.imagecogni.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP postback receiver for tests: records every request with its raw body, parses the
 * multipart parts, and answers with the statuses it is told to (then 200).
 */
public final class PostbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile int defaultStatus = 200;
    private volatile long delayMillis;

    /** One postback as it arrived. */
    public record Received(Map<String, String> headers, byte[] body, Map<String, Part> parts) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /**
         * Checks the Standard Webhooks v1 signature as a receiver would, with its own HMAC rather than the
         * service's signer: HMAC-SHA256 over {@code id.timestamp.body}, keyed with the base64 after {@code whsec_}.
         */
        public boolean signatureValidFor(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                mac.update((header("webhook-id") + "." + header("webhook-timestamp") + ".").getBytes(StandardCharsets.UTF_8));
                String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
                return expected.equals(header("webhook-signature"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One multipart part. */
    public record Part(String fileName, String contentType, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    public PostbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            received.add(new Received(headers, body, parse(headers.get("content-type"), body)));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = statuses.poll();
            int code = status == null ? defaultStatus : status;
            byte[] answer = ("status " + code).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/images";
    }

    /** The next requests get these statuses, in order; later ones get the default. */
    public PostbackReceiver answer(Integer... codes) {
        Collections.addAll(statuses, codes);
        return this;
    }

    /** Every answer waits this long first: a receiver that hangs. */
    public PostbackReceiver delay(long millis) {
        delayMillis = millis;
        return this;
    }

    public PostbackReceiver answerAlways(int code) {
        defaultStatus = code;
        return this;
    }

    public List<Received> received() {
        return received;
    }

    public List<Received> receivedFor(String jobId) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            Part part = r.parts().get("jobId");
            if (part != null && part.text().equals(jobId)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    static Map<String, Part> parse(String contentType, byte[] body) {
        Map<String, Part> parts = new LinkedHashMap<>();
        Matcher m = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (m == null || !m.find()) {
            return parts;
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        int pos = Bytes.indexOf(body, delimiter, 0);
        while (pos >= 0) {
            int start = pos + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start += 2; // CRLF after the delimiter
            int next = Bytes.indexOf(body, delimiter, start);
            if (next < 0) {
                break;
            }
            int headerEnd = Bytes.indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            String head = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(body, headerEnd + 4, next - 2);
            Matcher name = NAME.matcher(head);
            Matcher file = FILENAME.matcher(head);
            String type = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).trim();
                }
            }
            if (name.find()) {
                parts.put(name.group(1), new Part(file.find() ? file.group(1) : null, type, content));
            }
            pos = next;
        }
        return parts;
    }
}
