package com.imagecogni.account.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.account.AttemptThrottle;
import com.imagecogni.account.AttemptThrottle.Budget;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;

import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;

/** Sign-in throttling rules without a database: which counters an attempt is charged to, with which limits, and what a success gives back. */
class LoginThrottleTest {

    /** Records what LoginThrottle asks of the shared counters; refuses when told to. */
    static final class RecordingThrottle extends AttemptThrottle {
        final List<String> calls = new ArrayList<>();
        final List<List<Budget>> reserved = new ArrayList<>();
        RuntimeException refusal;

        @Override
        public Uni<Void> reserve(List<Budget> budgets, String what) {
            calls.add("reserve " + what);
            reserved.add(budgets);
            return refusal == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(refusal);
        }

        @Override
        public Uni<Void> refund(String key) {
            calls.add("refund " + key);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> clear(String key) {
            calls.add("clear " + key);
            return Uni.createFrom().voidItem();
        }
    }

    @Test
    void theShippedLimitsAreFivePerEmailAndTwentyPerAddressInFifteenMinutes() throws Exception {
        assertEquals("5", securityDefault("maxFailuresPerAccount"));
        assertEquals("20", securityDefault("maxFailuresPerAddress"));
        assertEquals("15m", securityDefault("throttleWindow"));
    }

    @Test
    void anAttemptIsChargedToItsEmailAndItsAddressEachWithItsOwnLimit() {
        RecordingThrottle counters = new RecordingThrottle();
        LoginThrottle throttle = throttle(counters, 5, 20);
        throttle.reserve("ann@example.test", "203.0.113.7").await().indefinitely();
        assertEquals(List.of("reserve failed sign-ins"), counters.calls, "one reservation, both counters or neither");
        assertEquals(List.of(new Budget("email:ann@example.test", 5), new Budget("address:203.0.113.7", 20)),
                counters.reserved.get(0));
    }

    @Test
    void theLimitsComeFromTheConfiguration() {
        RecordingThrottle counters = new RecordingThrottle();
        throttle(counters, 3, 7).reserve("ann@example.test", "2001:db8::1").await().indefinitely();
        assertEquals(List.of(new Budget("email:ann@example.test", 3), new Budget("address:2001:db8::1", 7)),
                counters.reserved.get(0));
    }

    @Test
    void aRefusalOfEitherCounterRefusesTheSignInWithItsRetryAfter() {
        RecordingThrottle counters = new RecordingThrottle();
        counters.refusal = ApiException.tooManyRequests("too_many_attempts", "Too many failed sign-ins.", 42);
        ApiException refused = assertThrows(ApiException.class,
                () -> throttle(counters, 5, 20).reserve("ann@example.test", "203.0.113.7").await().indefinitely());
        assertSame(counters.refusal, refused, "429 too_many_attempts with its Retry-After, unchanged");
        assertEquals(429, refused.status());
        assertEquals(42L, refused.retryAfterSeconds());
    }

    @Test
    void aSuccessClearsTheEmailsCountAndGivesTheAddressOneAttemptBack() {
        RecordingThrottle counters = new RecordingThrottle();
        throttle(counters, 5, 20).succeeded("ann@example.test", "203.0.113.7").await().indefinitely();
        // the account is unlocked for its owner at once; the address keeps the failures of other emails it tried
        assertEquals(List.of("clear email:ann@example.test", "refund address:203.0.113.7"), counters.calls);
    }

    @Test
    void emailAndAddressCountersNeverShareAKey() {
        // an "email" that reads like an address must not use up that address's allowance, nor the other way round
        assertNotEquals(LoginThrottle.emailKey("203.0.113.7"), LoginThrottle.addressKey("203.0.113.7"));
        assertEquals("email:ann@example.test", LoginThrottle.emailKey("ann@example.test"));
        assertEquals("address:203.0.113.7", LoginThrottle.addressKey("203.0.113.7"));
    }

    static LoginThrottle throttle(AttemptThrottle counters, int perEmail, int perAddress) {
        LoginThrottle throttle = new LoginThrottle();
        throttle.throttle = counters;
        throttle.config = config(perEmail, perAddress, Duration.ofMinutes(15));
        return throttle;
    }

    /** The configuration mapping with just the security settings the throttles read. */
    static ImagecogniConfig config(int perEmail, int perAddress, Duration window) {
        Map<String, Object> values = Map.of("maxFailuresPerAccount", perEmail, "maxFailuresPerAddress", perAddress,
                "throttleWindow", window);
        ImagecogniConfig.Security security = stub(ImagecogniConfig.Security.class, values);
        return stub(ImagecogniConfig.class, Map.of("security", security));
    }

    private static <T> T stub(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName() + " is not stubbed");
            }
            return values.get(method.getName());
        }));
    }

    private static String securityDefault(String property) throws NoSuchMethodException {
        return ImagecogniConfig.Security.class.getMethod(property).getAnnotation(WithDefault.class).value();
    }
}
