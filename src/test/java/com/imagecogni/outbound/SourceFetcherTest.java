package com.imagecogni.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.imagecogni.support.Origin;

import io.vertx.core.Vertx;

/**
 * The source fetcher against a real origin on loopback, without Quarkus: redirects (relative, counted, each checked
 * again), the size limit (from Content-Length, and while the body streams), the total timeout, and, with private
 * networks not allowed (production's setting), every hop to a loopback, private or metadata address refused before
 * anything connects. Nothing leaves the machine: refused addresses are never connected to.
 */
class SourceFetcherTest {

    private static final UrlRules.Use USE = new UrlRules.Use("source URL", "", "source URLs must point to a public address");
    private static final long MAX_BYTES = 100_000;
    private static Vertx vertx;

    private Origin origin;
    private Path file;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void origin() throws Exception {
        origin = new Origin();
        file = Files.createTempFile("fetch-test-", ".source");
    }

    @AfterEach
    void close() throws Exception {
        origin.close();
        Files.deleteIfExists(file);
    }

    private static SourceFetcher fetcher(boolean allowPrivate, Duration total) {
        return new SourceFetcher(vertx, new SourceFetcher.Settings(USE, allowPrivate, MAX_BYTES, Duration.ofSeconds(2), total, 4));
    }

    private FetchFailedException failure(SourceFetcher fetcher, String path) {
        return assertThrows(FetchFailedException.class, () -> fetcher.fetch(origin.url(path), file, Duration.ofMinutes(1)));
    }

    @Test
    void theBytesAreFetchedWhateverTheContentTypeSays() throws Exception {
        byte[] bytes = new byte[50_000];
        new java.util.Random(7).nextBytes(bytes);
        origin.serve("/a.png", bytes);
        try (SourceFetcher fetcher = fetcher(true, Duration.ofSeconds(5))) {
            SourceFetcher.Fetched fetched = fetcher.fetch(origin.url("/a.png?v=1"), file, Duration.ofMinutes(1));
            assertEquals(new SourceFetcher.Fetched(bytes.length, 200, 0), fetched);
            assertArrayEquals(bytes, Files.readAllBytes(file));
        }
    }

    @Test
    void threeRedirectsAreFollowedRelativeOrAbsoluteAndTheHostHeaderNamesTheHost() throws Exception {
        assumeTrue("127.0.0.1".equals(InetAddress.getAllByName("localhost")[0].getHostAddress()), "localhost is 127.0.0.1 first");
        byte[] bytes = { 1, 2, 3 };
        origin.redirect("/one/a", "b").redirect("/one/b", 301, "/two").redirect("/two", 307,
                "http://localhost:" + origin.port() + "/image").serve("/image", bytes);
        try (SourceFetcher fetcher = fetcher(true, Duration.ofSeconds(5))) {
            assertEquals(new SourceFetcher.Fetched(3, 200, 3), fetcher.fetch(origin.url("/one/a"), file, Duration.ofMinutes(1)));
        }
        assertThat(origin.requests()).extracting(Origin.Request::path).containsExactly("/one/a", "/one/b", "/two", "/image");
        // the connection went to the address checked for "localhost"; the request still names the host
        assertEquals("localhost:" + origin.port(), origin.requests().get(3).host());
    }

    @Test
    void aFourthRedirectFailsTheFetchWithTheRedirectsStatus() {
        origin.redirect("/r1", "/r2").redirect("/r2", "/r3").redirect("/r3", "/r4").redirect("/r4", "/image")
                .serve("/image", new byte[] { 1 });
        try (SourceFetcher fetcher = fetcher(true, Duration.ofSeconds(5))) {
            FetchFailedException e = failure(fetcher, "/r1");
            assertEquals("upstream redirected more than 3 times", e.getMessage());
            assertEquals(302, e.upstreamStatus());
        }
        assertEquals(0, origin.requestsFor("/image"));
    }

    @Test
    void anErrorStatusFailsTheFetchWithThatStatus() {
        origin.status("/gone", 410);
        try (SourceFetcher fetcher = fetcher(true, Duration.ofSeconds(5))) {
            FetchFailedException e = failure(fetcher, "/gone");
            assertEquals("upstream answered 410", e.getMessage());
            assertEquals(410, e.upstreamStatus());
            e = failure(fetcher, "/nothing-here");
            assertEquals(404, e.upstreamStatus());
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() throws Exception {
        origin.declaring("/huge", 10L * MAX_BYTES, 1000);
        long started = System.nanoTime();
        try (SourceFetcher fetcher = fetcher(true, Duration.ofSeconds(5))) {
            FetchFailedException e = failure(fetcher, "/huge");
            assertEquals("the source is larger than " + MAX_BYTES + " bytes, the most one source may be", e.getMessage());
            assertEquals(null, e.upstreamStatus());
        }
        assertEquals(0, Files.size(file), "nothing of the body was written");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBodyThatNeverEndsIsCutAtTheByteOverTheLimit() throws Exception {
        origin.endless("/endless");
        try (SourceFetcher fetcher = fetcher(true, Duration.ofSeconds(10))) {
            FetchFailedException e = failure(fetcher, "/endless");
            assertThat(e.getMessage()).startsWith("the source is larger than " + MAX_BYTES + " bytes");
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void anOriginSlowerThanTheTotalTimeoutFailsTheFetch() {
        origin.slow("/slow", 5_000, new byte[] { 1, 2, 3 });
        long started = System.nanoTime();
        try (SourceFetcher fetcher = fetcher(true, Duration.ofMillis(400))) {
            assertEquals("no complete answer within 400 ms", failure(fetcher, "/slow").getMessage());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theJobsRemainingTimeCutsTheTotalTimeoutShort() {
        origin.slow("/slow", 5_000, new byte[] { 1 });
        try (SourceFetcher fetcher = fetcher(true, Duration.ofSeconds(30))) {
            long started = System.nanoTime();
            FetchFailedException e = assertThrows(FetchFailedException.class,
                    () -> fetcher.fetch(origin.url("/slow"), file, Duration.ofMillis(300)));
            assertEquals("no complete answer within 300 ms", e.getMessage());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aRedirectToTheMetadataAddressIsRefusedEvenOnPrivateNetworks() {
        origin.redirect("/meta", "http://169.254.169.254/latest/meta-data/");
        try (SourceFetcher fetcher = fetcher(true, Duration.ofSeconds(5))) {
            FetchFailedException e = failure(fetcher, "/meta");
            assertEquals("upstream redirected (302) where sources may not be fetched from: the host 169.254.169.254 is a"
                    + " cloud metadata address; source URLs must point to a public address", e.getMessage());
            assertEquals(302, e.upstreamStatus());
        }
    }

    @Test
    void withoutPrivateNetworksALoopbackSourceIsRefusedBeforeAnythingConnects() {
        origin.serve("/a.png", new byte[] { 1 });
        try (SourceFetcher fetcher = fetcher(false, Duration.ofSeconds(5))) {
            FetchFailedException e = failure(fetcher, "/a.png");
            assertThat(e.getMessage()).startsWith("refused: the host 127.0.0.1 is a loopback, private, link-local or"
                    + " otherwise internal address");
        }
        assertThat(origin.requests()).isEmpty();
    }

    /** Production's setting: a redirect from a public origin to an internal address is refused, and never connected to. */
    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8080/x", "http://10.0.0.5/x", "http://10.1.2.3:9000/admin", "//192.168.1.1/",
            "http://[::1]/", "http://[::ffff:10.0.0.1]/", "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data/",
            "http://2130706433/", "http://localhost/" })
    void withoutPrivateNetworksARedirectToAnInternalAddressIsRefused(String location) {
        try (SourceFetcher fetcher = fetcher(false, Duration.ofSeconds(5))) {
            URI next = assertDoesNotThrowFollow(URI.create("https://images.example.com/a/photo.jpg"), location);
            FetchFailedException e = assertThrows(FetchFailedException.class, () -> fetcher.target(next.toASCIIString(), 302));
            assertThat(e.getMessage()).startsWith("upstream redirected (302) where sources may not be fetched from: ");
            assertEquals(302, e.upstreamStatus());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "https://images.example.com/a/b.jpg, c.jpg,                     https://images.example.com/a/c.jpg",
            "https://images.example.com/a/b.jpg, /d.jpg?x=1,                https://images.example.com/d.jpg?x=1",
            "https://images.example.com/a/b.jpg, //cdn.example.net/e.jpg,   https://cdn.example.net/e.jpg",
            "https://images.example.com/a/b.jpg, ../f.jpg,                  https://images.example.com/f.jpg",
            "https://images.example.com,         g.jpg,                     https://images.example.com/g.jpg",
            "https://images.example.com/a/b.jpg, http://other.example/h.jpg, http://other.example/h.jpg" })
    void aRelativeLocationIsResolvedAgainstTheUrlThatAnswered(String current, String location, String expected) {
        assertEquals(URI.create(expected), assertDoesNotThrowFollow(URI.create(current), location));
    }

    @Test
    void aRedirectWithoutOrWithABadLocationFails() {
        FetchFailedException none = assertThrows(FetchFailedException.class,
                () -> SourceFetcher.follow(URI.create("https://a.example/"), new SourceFetcher.Redirect(302, null)));
        assertEquals("upstream answered 302 without a Location", none.getMessage());
        FetchFailedException bad = assertThrows(FetchFailedException.class,
                () -> SourceFetcher.follow(URI.create("https://a.example/"), new SourceFetcher.Redirect(301, "http://a b/")));
        assertEquals(301, bad.upstreamStatus());
    }

    private static URI assertDoesNotThrowFollow(URI current, String location) {
        try {
            return SourceFetcher.follow(current, new SourceFetcher.Redirect(302, location));
        } catch (FetchFailedException e) {
            throw new AssertionError(location + ": " + e.getMessage(), e);
        }
    }
}
