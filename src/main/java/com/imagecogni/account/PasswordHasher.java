package com.imagecogni.account;

import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.ops.Metrics;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** bcrypt hashing; callers run it off the event loop (see {@link com.imagecogni.common.Blocking}). */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    ImagecogniConfig config;

    @Inject
    Metrics metrics;

    private volatile String decoy;

    public String hash(String password) {
        metrics.passwordHash("hash");
        return BcryptUtil.bcryptHash(password, Math.max(10, config.security().bcryptCost()));
    }

    /**
     * Checks a password; with no stored hash it still spends one bcrypt on a decoy so an
     * unknown email takes as long as a wrong password.
     */
    public boolean matches(String password, String storedHash) {
        metrics.passwordHash("check");
        if (storedHash == null) {
            BcryptUtil.matches(password, decoyHash());
            return false;
        }
        return BcryptUtil.matches(password, storedHash);
    }

    private String decoyHash() {
        String value = decoy;
        if (value == null) {
            value = hash("decoy-password-that-never-matches");
            decoy = value;
        }
        return value;
    }
}
