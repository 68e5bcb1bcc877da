package com.imagecogni.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every operator setting of imagecogni under the {@code imagecogni.} prefix (README lists them). */
@ConfigMapping(prefix = "imagecogni")
public interface ImagecogniConfig {

    /**
     * Base URL of the service as customers reach it; links in emails and JSON postbacks' result links start with it, so
     * a deployment sets it to its public address.
     */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** Accounts with one of these emails (case-insensitive) get the {@code admin} group in their token. */
    Optional<List<String>> adminEmails();

    /** Plan a new account starts on; must be one of {@code imagecogni.plans}. */
    @WithDefault("free")
    String defaultPlan();

    /** The plans, keyed by their name (free, pro, enterprise by default). */
    Map<String, Plan> plans();

    /** Limits on what one request or one source may cost. */
    Limits limits();

    /** Password hashing, sign-in throttling and verification links. */
    Security security();

    /**
     * Image worker threads per replica; defaults to the number of cores. 0 makes an API-only replica that accepts
     * uploads and answers them (a waiting upload too) while other replicas process.
     */
    Optional<Integer> workers();

    /**
     * The OS nice value (0..19) of image threads (workers and pipeline helpers), so the event loop and the database
     * work of a busy replica are scheduled ahead of pixel work; 0 leaves them at the process's own priority. Chosen by
     * three side-by-side runs on 2 cores (BENCHMARKS.md #17): on the code as shipped, nice 10 gave 29-39 % more jobs/s
     * and a lower accept p99 under load (one run on earlier code went the other way). Linux only.
     */
    @WithDefault("10")
    int imageThreadsNice();

    /** The job queue: bounds, leases, retries, retention. */
    Jobs jobs();

    /** Delivery of results to postback URLs. */
    Postback postback();

    /** Sources named by URL, fetched by the worker. */
    Fetch fetch();

    /** The native codec libraries. */
    Codecs codecs();

    /** Native codecs: the libraries are found by soname at first use; the operator can switch any of them off. */
    interface Codecs {
        /**
         * Native codecs to leave unused even when installed: {@code turbojpeg}, {@code libheif}, {@code libwebp}.
         * Read once at start by {@code com.imagecogni.pipeline.codec.Codecs}; JPEG and WebP then use ImageIO, and
         * HEIC/AVIF answer 415 {@code format_not_available}.
         */
        Optional<List<String>> disabled();
    }

    /** One plan: its limits and the operation types it may use. */
    interface Plan {
        /** Name shown to customers. */
        String title();

        /** Credits granted per calendar month (UTC). */
        long monthlyCredits();

        /** How many allow-listed IP entries may be active at once. */
        int activeIps();

        /** How many configurations the account may keep. */
        int configurations();

        /** How many unrevoked API keys the account may hold. */
        int apiKeys();

        /** Most sizes one resize operation may list. */
        @WithDefault("20")
        int sizesPerResize();

        /** Operation types this plan may use (resize, crop, rotate, flip, convert, compress, watermark, filter). */
        List<String> features();
    }

    /** Request and image limits. */
    interface Limits {
        /** Largest whole upload request in bytes (40 MiB). */
        @WithDefault("41943040")
        long maxRequestBytes();

        /**
         * Bytes of uploads being read into memory and stored at once, across all requests of a
         * replica; past it uploads get 503 + Retry-After. Defaults to a quarter of the heap.
         */
        Optional<Long> maxInflightUploadBytes();

        /**
         * Sources up to this many bytes are read whole at intake, and that one read serves both the
         * format sniffing and the blob store; larger ones are sniffed from their first 256 KiB and the
         * store reads them from their spooled files itself (a chunk at a time, or streamed to S3), so
         * they are never whole on the heap.
         */
        @WithDefault("262144")
        long inlineUploadBytes();

        /**
         * Heap the image workers of a replica may plan to use at once, judged from each source's
         * header; a job whose largest source does not fit waits for others to finish (one job
         * always runs). Defaults to 60 % of the maximum heap.
         */
        Optional<Long> processingHeapBytes();

        /** Largest source in pixels (width x height x frames), checked from the header before decoding. */
        @WithDefault("50000000")
        long maxPixels();

        /**
         * Images one source may become (sizes and formats multiply from step to step): configurations over it are
         * refused with 422 too_many_outputs, and the pipeline stops at it whatever a stored configuration says.
         */
        @WithDefault("400")
        int maxOutputsPerSource();

        /** Largest request body that is not a multipart upload (JSON): over it the answer is 413. */
        @WithDefault("1048576")
        long maxJsonBytes();
    }

    /** Job queue settings. */
    interface Jobs {
        /** Queued jobs of all accounts above which uploads get 503 + Retry-After. */
        @WithDefault("1000")
        int maxQueued();

        /** Queued jobs of one account above which its uploads get 429 + Retry-After. */
        @WithDefault("100")
        int maxQueuedPerAccount();

        /** Processing attempts of a job (a crash or lost lease counts as one) before it fails. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before a failed processing attempt runs again; it doubles with each attempt. */
        @WithDefault("5s")
        Duration retryBackoff();

        /** A processing job whose heartbeat is older than this is taken again by any replica. */
        @WithDefault("60s")
        Duration lease();

        /** How often a worker's replica refreshes the heartbeat of the jobs it runs. */
        @WithDefault("10s")
        Duration heartbeat();

        /** Time one job may spend processing; sources not started by then fail with time_limit_exceeded. */
        @WithDefault("5m")
        Duration timeLimit();

        /** How long sources and the result ZIP are kept after a job finished. */
        @WithDefault("24h")
        Duration retention();

        /** How often idle workers look for due work even without a notification (a safety net). */
        @WithDefault("2s")
        Duration pollInterval();

        /** On shutdown, how long running jobs may take to finish before they are handed back to the queue. */
        @WithDefault("20s")
        Duration shutdownGrace();

        /** Seconds a rejected upload is told to wait in Retry-After. */
        @WithDefault("10")
        int retryAfterSeconds();

        /** The longest {@code Prefer: wait=N} an upload may wait for its job; a larger N is clipped to it. */
        @WithDefault("30s")
        Duration maxWait();

        /**
         * The largest result ZIP a waiting upload answers with in its body (it is read into memory to be sent); a
         * larger one is answered 303 See Other to {@code GET /api/v1/jobs/{id}/result}.
         */
        @WithDefault("33554432")
        long maxWaitZipBytes();
    }

    /** Postback settings. */
    interface Postback {
        /** A postback must be answered with 2xx within this time. */
        @WithDefault("30s")
        Duration timeout();

        /** Postbacks one replica sends at the same time (each waits for its receiver without holding a thread). */
        @WithDefault("16")
        int concurrency();

        /** Waits before each retry, each spread by the jitter; 410 Gone stops early. */
        @WithDefault("5s,30s,2m,10m,30m,1h,2h,4h,8h,8h,8h")
        List<Duration> retryDelays();

        /** Random spread applied to each retry wait, as a fraction (0.2 = plus or minus 20 percent). */
        @WithDefault("0.2")
        double jitter();

        /** Let postbacks reach loopback and private networks (on-premise setups, tests); metadata addresses stay blocked. */
        @WithDefault("false")
        boolean allowPrivateNetworks();

        /** Time to open a postback connection (TCP and TLS). */
        @WithDefault("10s")
        Duration connectTimeout();

        /** A postback connection with nothing sent or received this long is closed; longer than the timeout. */
        @WithDefault("45s")
        Duration idleTimeout();

        /** A postback connection with nothing received this long is closed; longer than the timeout. */
        @WithDefault("45s")
        Duration readIdleTimeout();

        /** Least time between two redeliveries asked for by one account. */
        @WithDefault("60s")
        Duration redeliverCooldown();
    }

    /**
     * Fetching sources named by URL ({@code sourceUrls}): the postback's address rules, with a switch of their own; each
     * source at most {@code imagecogni.limits.max-request-bytes}.
     */
    interface Fetch {
        /** Let source URLs reach loopback and private networks (on-premise setups, tests); metadata addresses stay blocked. */
        @WithDefault("false")
        boolean allowPrivateNetworks();

        /** Time to open one connection to a source's origin (TCP and TLS). */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time one source's fetch may take in all: every redirect, the answer and its whole body. */
        @WithDefault("30s")
        Duration totalTimeout();

        /** Source URLs one job may name. A job's sources are loaded together, so this bounds its bytes too. */
        @WithDefault("10")
        int maxUrls();
    }

    /** Security settings. */
    interface Security {
        /** bcrypt cost factor for passwords (at least 10; each step doubles the work). */
        @WithDefault("12")
        int bcryptCost();

        /** How long a verification link stays valid. */
        @WithDefault("24h")
        Duration verificationTokenTtl();

        /** Failed sign-ins per account within the throttle window before 429. */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Failed sign-ins per client address within the throttle window before 429. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** Length of the throttle windows of sign-in and of verification. */
        @WithDefault("15m")
        Duration throttleWindow();

        /** Failed email verifications (unknown, used or expired links) per client address within the window before 429. */
        @WithDefault("20")
        int maxVerificationFailuresPerAddress();

        /** Shortest IPv4 prefix an allow-list entry may have (16: at most a /16, never 0.0.0.0/0). */
        @WithDefault("16")
        int minIpv4Prefix();

        /** Shortest IPv6 prefix an allow-list entry may have (48: at most a /48, never ::/0). */
        @WithDefault("48")
        int minIpv6Prefix();
    }
}
