package com.imagecogni.account.login;

import java.util.List;

import com.imagecogni.account.AttemptThrottle;
import com.imagecogni.account.AttemptThrottle.Budget;
import com.imagecogni.common.ImagecogniConfig;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sign-in attempts per email and per client address. Each attempt is counted before its bcrypt
 * check, so past either limit sign-in answers 429 with Retry-After until the window ends, also for
 * parallel requests and for the right password; a success gives its attempt back.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    AttemptThrottle throttle;

    @Inject
    ImagecogniConfig config;

    static String emailKey(String email) {
        return "email:" + email;
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** Counts the attempt on both the email and the address, or fails with 429 when either is used up. */
    public Uni<Void> reserve(String email, String address) {
        return throttle.reserve(List.of(new Budget(emailKey(email), config.security().maxFailuresPerAccount()),
                new Budget(addressKey(address), config.security().maxFailuresPerAddress())), "failed sign-ins");
    }

    /** A successful sign-in clears the email's count and gives the address its attempt back. */
    public Uni<Void> succeeded(String email, String address) {
        return throttle.clear(emailKey(email)).chain(() -> throttle.refund(addressKey(address)));
    }
}
