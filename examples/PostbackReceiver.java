import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A minimal imagecogni postback receiver (JDK only, one file):
 *
 *   java examples/PostbackReceiver.java 9000 whsec_… [out-dir]
 *
 * Verifies the Standard Webhooks signature over the raw body, answers 401 when it does not
 * match, otherwise stores outputZipFile as out-dir/<jobId>.zip, lists it and answers 200. A JSON
 * postback ("postbackFormat": "json") is answered 200 first; then the ZIP its result.url links to
 * is fetched, checked against the event's sha256, stored and listed the same way.
 * A repeated webhook-id (an at-least-once retry) is acknowledged without being stored again.
 */
public class PostbackReceiver {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "9000");
        String secret = args.length > 1 ? args[1] : System.getenv("IMAGECOGNI_WEBHOOK_SECRET");
        Path out = Path.of(args.length > 2 ? args[2] : "postbacks");
        Files.createDirectories(out);
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        // a thread per postback: one slow ZIP download must not hold up the next postback past its 30 s
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            int status;
            if (secret == null || id == null || timestamp == null || signatures == null
                    || !verify(secret, id, timestamp, body, signatures)) {
                System.out.println("REFUSED: missing or wrong signature");
                status = 401;
            } else if (!seen.add(id)) {
                System.out.println("duplicate " + id + " (already stored)");
                status = 200;
            } else if (String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
                exchange.sendResponseHeaders(200, -1); // answer first; the ZIP is fetched after
                exchange.close();
                if (!fetchLinkedZip(new String(body, StandardCharsets.UTF_8), id, out)) {
                    seen.remove(id); // not stored: a redelivery (a fresh link) is taken, not skipped as a duplicate
                }
                return;
            } else {
                String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
                String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
                String jobId = text(part(body, boundary, "jobId"));
                byte[] zip = part(body, boundary, "outputZipFile");
                Path file = out.resolve(jobId + ".zip");
                Files.write(file, zip);
                System.out.println("job " + jobId + " (config " + text(part(body, boundary, "configId")) + "), " + id
                        + ", signature ok -> " + file);
                list(zip);
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening on http://0.0.0.0:" + port + "/ ; storing ZIPs in " + out.toAbsolutePath());
    }

    /** Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body">, key = base64 part of whsec_…. */
    static boolean verify(String secret, String id, String timestamp, byte[] body, String signatures) {
        try {
            if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
                return false; // replayed or badly delayed
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            for (String candidate : signatures.split(" ")) {
                if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * A JSON postback ({@code "postbackFormat": "json"}), its signature already checked: fetches the ZIP its
     * {@code result.url} links to (no API key needed), checks the ZIP's SHA-256 against the event's and stores it.
     * Answers whether it did.
     */
    static boolean fetchLinkedZip(String event, String id, Path out) {
        // JDK only, so patterns stand in for a JSON parser here: a real receiver reads the event with its JSON library
        String jobId = field(event, "jobId");
        try {
            int at = event.indexOf("\"result\":{");
            if (at < 0) {
                System.out.println("job " + jobId + ": the event has no result");
                return false;
            }
            String result = event.substring(at);
            HttpResponse<byte[]> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(field(result, "url")))
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                System.out.println("job " + jobId + ": the result link answered " + answer.statusCode());
                return false;
            }
            byte[] zip = answer.body();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
            if (!sha256.equals(field(result, "sha256"))) {
                System.out.println("job " + jobId + ": sha256 MISMATCH, the ZIP is not the one the event describes");
                return false;
            }
            Path file = out.resolve(jobId + ".zip");
            Files.write(file, zip);
            System.out.println("job " + jobId + " (event " + field(event, "type") + "), " + id + ", signature ok, sha256 ok"
                    + " -> " + file);
            list(zip);
            return true;
        } catch (Exception e) {
            System.out.println("job " + jobId + ": could not fetch its ZIP: " + e);
            return false;
        }
    }

    /** The first string value of {@code "name"} in {@code json}. */
    static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** Prints each entry of the ZIP with its size. */
    static void list(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                System.out.printf("  %8d  %s%n", in.readAllBytes().length, e.getName());
            }
        }
    }

    /** The content of the multipart part named {@code name}. */
    static byte[] part(byte[] body, String boundary, String name) {
        String latin = new String(body, StandardCharsets.ISO_8859_1);
        int header = latin.indexOf("name=\"" + name + "\"");
        int start = latin.indexOf("\r\n\r\n", header) + 4;
        int end = latin.indexOf("\r\n--" + boundary, start);
        return java.util.Arrays.copyOfRange(body, start, end);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
