package com.imagecogni.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.imagecogni.common.ImagecogniConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;

/** The postback back-off: which wait follows each failed attempt, its jitter, its longest wait and where it gives up. */
class RetryScheduleTest {

    private static final List<Duration> DOCUMENTED = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(8), Duration.ofHours(8));

    @Test
    void theShippedScheduleIsTheOneTheReadmePromises() throws Exception {
        // the production default, as the configuration mapping declares it (tests override it with 200ms waits)
        List<Duration> delays = Arrays.stream(defaultOf("retryDelays").split(",")).map(DurationConverter::parseDuration)
                .toList();
        assertEquals(DOCUMENTED, delays, "5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h, 8 h");
        assertEquals(0.2, Double.parseDouble(defaultOf("jitter")), "plus or minus 20 percent");

        RetrySchedule schedule = new RetrySchedule(delays, 0);
        assertEquals(12, schedule.attempts(), "the first attempt and eleven retries");
        Duration total = Duration.ZERO;
        for (int failed = 1; failed <= 11; failed++) {
            total = total.plus(schedule.after(failed).orElseThrow());
        }
        assertEquals(Duration.ofSeconds(114_155), total, "about 31 h from the first failure to the last attempt");
    }

    @Test
    void withoutJitterEachFailedAttemptIsFollowedByExactlyItsDelay() {
        RetrySchedule schedule = new RetrySchedule(DOCUMENTED, 0);
        for (int failed = 1; failed <= DOCUMENTED.size(); failed++) {
            assertEquals(Optional.of(DOCUMENTED.get(failed - 1)), schedule.after(failed), "wait after failed attempt " + failed);
        }
        assertEquals(Optional.of(Duration.ofSeconds(5)), schedule.after(1), "the first retry comes 5 s after the first failure");
        assertEquals(Optional.of(Duration.ofMinutes(10)), schedule.after(4));
    }

    @Test
    void theWaitsNeverShrinkAndStopGrowingAtEightHours() {
        RetrySchedule schedule = new RetrySchedule(DOCUMENTED, 0);
        Duration previous = Duration.ZERO;
        for (int failed = 1; failed < schedule.attempts(); failed++) {
            Duration wait = schedule.after(failed).orElseThrow();
            assertTrue(wait.compareTo(previous) >= 0, "wait " + failed + " is not shorter than the one before");
            assertTrue(wait.compareTo(Duration.ofHours(8)) <= 0, "no wait is longer than the 8 h cap: " + wait);
            previous = wait;
        }
        assertEquals(Duration.ofHours(8), schedule.after(9).orElseThrow());
        assertEquals(Duration.ofHours(8), schedule.after(11).orElseThrow());
    }

    @Test
    void afterTheLastAttemptThereIsNoFurtherRetry() {
        RetrySchedule schedule = new RetrySchedule(DOCUMENTED, 0.2);
        assertTrue(schedule.after(11).isPresent(), "the eleventh failure still has a retry: the twelfth attempt");
        assertEquals(Optional.empty(), schedule.after(12), "the twelfth attempt was the last");
        assertEquals(Optional.empty(), schedule.after(13));

        RetrySchedule tests = new RetrySchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200)),
                0.2);
        assertEquals(4, tests.attempts());
        assertTrue(tests.after(3).isPresent());
        assertEquals(Optional.empty(), tests.after(4));

        RetrySchedule none = new RetrySchedule(List.of(), 0.2);
        assertEquals(1, none.attempts(), "an empty schedule tries once");
        assertEquals(Optional.empty(), none.after(1));
    }

    @Test
    void attemptNumbersOutsideTheScheduleGiveNoRetryInsteadOfFailing() {
        RetrySchedule schedule = new RetrySchedule(DOCUMENTED, 0.2);
        for (int failed : new int[] { 0, -1, Integer.MIN_VALUE, 12, 1_000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE }) {
            assertEquals(Optional.empty(), schedule.after(failed), "after " + failed + " failed attempts");
        }
    }

    @Test
    void jitterSpreadsEachWaitWithinPlusOrMinusTwentyPercent() {
        RetrySchedule schedule = new RetrySchedule(DOCUMENTED, 0.2);
        for (int failed = 1; failed < schedule.attempts(); failed++) {
            long base = DOCUMENTED.get(failed - 1).toMillis();
            long low = Math.round(base * 0.8);
            long high = Math.round(base * 1.2);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 2_000; i++) {
                long wait = schedule.after(failed).orElseThrow().toMillis();
                assertTrue(wait >= low && wait <= high, "after failure " + failed + ": " + wait + " ms outside [" + low + ", "
                        + high + "]");
                min = Math.min(min, wait);
                max = Math.max(max, wait);
                seen.add(wait);
            }
            // 2,000 uniform draws: each side's outer quarter of the range is reached (a miss has odds of 0.75^2000)
            assertTrue(min < base * 0.9, "waits reach down towards -20 %: lowest " + min + " of " + base);
            assertTrue(max > base * 1.1, "waits reach up towards +20 %: highest " + max + " of " + base);
            assertTrue(seen.size() > 100, "receivers that failed together do not all retry at one instant");
        }
    }

    @Test
    void aJitteredWaitIsNeverZeroOrNegative() {
        // a wait of 0 would retry at once; however short the delay or wide the jitter, at least a millisecond passes
        RetrySchedule tiny = new RetrySchedule(List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofNanos(10)), 0.99);
        RetrySchedule wide = new RetrySchedule(List.of(Duration.ofMillis(3)), 1.0);
        for (int i = 0; i < 1_000; i++) {
            for (int failed = 1; failed <= 3; failed++) {
                assertTrue(tiny.after(failed).orElseThrow().toMillis() >= 1);
            }
            assertTrue(wide.after(1).orElseThrow().toMillis() >= 1);
        }
    }

    @Test
    void longDelaysDoNotOverflow() {
        // a year's wait with jitter stays a year, give or take the jitter, and positive
        Duration year = Duration.ofDays(365);
        RetrySchedule schedule = new RetrySchedule(List.of(year, Duration.ofDays(100_000)), 0.5);
        for (int i = 0; i < 1_000; i++) {
            Duration wait = schedule.after(1).orElseThrow();
            assertTrue(wait.compareTo(year.dividedBy(2)) >= 0 && wait.compareTo(year.multipliedBy(3).dividedBy(2)) <= 0,
                    "a year +- 50 %: " + wait);
            Duration longer = schedule.after(2).orElseThrow();
            assertTrue(longer.compareTo(Duration.ofDays(50_000)) >= 0 && longer.compareTo(Duration.ofDays(150_000)) <= 0,
                    "100,000 days +- 50 %: " + longer);
        }
    }

    private static String defaultOf(String property) throws NoSuchMethodException {
        return ImagecogniConfig.Postback.class.getMethod(property).getAnnotation(WithDefault.class).value();
    }
}
