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

    /** Base URL of the service as customers reach it; links in emails start with it. */
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

        /** Largest source in pixels (width x height x frames), checked from the header before decoding. */
        @WithDefault("50000000")
        long maxPixels();
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

        /** Length of the sign-in throttle window. */
        @WithDefault("15m")
        Duration throttleWindow();
    }
}
