package com.imagecogni.common.auth;

import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * In production the JWT keys must come from the operator (dev and test generate a pair); without
 * them the service refuses to start with one clear line instead of failing at the first sign-in.
 */
@ApplicationScoped
public class JwtKeysCheck {

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        boolean verify = present("mp.jwt.verify.publickey.location") || present("mp.jwt.verify.publickey");
        boolean sign = present("smallrye.jwt.sign.key.location") || present("smallrye.jwt.sign.key");
        if (!verify || !sign) {
            throw new ConfigurationException("JWT keys missing: set mp.jwt.verify.publickey.location (public key PEM) and "
                    + "smallrye.jwt.sign.key.location (private key PEM), e.g. MP_JWT_VERIFY_PUBLICKEY_LOCATION and "
                    + "SMALLRYE_JWT_SIGN_KEY_LOCATION; see README 'JWT keys'");
        }
    }

    private static boolean present(String property) {
        Optional<String> value = ConfigProvider.getConfig().getOptionalValue(property, String.class);
        return value.isPresent() && !value.get().isBlank();
    }
}
