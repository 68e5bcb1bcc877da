package com.imagecogni.account.login;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.imagecogni.account.Account;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.common.auth.Roles;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Signs the RS256 access tokens users call the account endpoints with. */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    ImagecogniConfig config;

    @ConfigProperty(name = "smallrye.jwt.new-token.lifespan", defaultValue = "3600")
    long lifespanSeconds;

    /** An issued token and how long it lives. */
    public record IssuedToken(String accessToken, long expiresIn) {
    }

    /** Signs a token for the account; RSA signing is CPU work, so callers keep it off the event loop. */
    public IssuedToken issue(Account account) {
        Set<String> groups = new HashSet<>(Set.of(Roles.USER));
        List<String> admins = config.adminEmails().orElse(List.of());
        if (admins.stream().anyMatch(admin -> admin.trim().toLowerCase(Locale.ROOT).equals(account.email))) {
            groups.add(Roles.ADMIN);
        }
        String token = Jwt.subject(account.id.toString())
                .claim("email", account.email)
                .groups(groups)
                .expiresIn(Duration.ofSeconds(lifespanSeconds))
                .sign();
        return new IssuedToken(token, lifespanSeconds);
    }
}
