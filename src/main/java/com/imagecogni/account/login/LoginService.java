package com.imagecogni.account.login;

import com.imagecogni.account.Account;
import com.imagecogni.account.PasswordHasher;
import com.imagecogni.account.SignUpService;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

/**
 * Sign-in: an attempt reserved on the throttle, account lookup, bcrypt check and signing off the
 * event loop. Unknown email, pending account and wrong password all give the same 401 after the
 * same bcrypt work.
 */
@ApplicationScoped
public class LoginService {

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenIssuer issuer;

    @Inject
    Blocking blocking;

    public Uni<TokenIssuer.IssuedToken> login(String rawEmail, String password, String clientAddress) {
        String email = SignUpService.normaliseEmail(rawEmail);
        return throttle.reserve(email, clientAddress)
                .chain(() -> Panache.withSession(() -> Account.findByEmail(email)))
                .chain((Account account) -> blocking.run(() -> {
                    String stored = account != null && account.isActive() ? account.passwordHash : null;
                    return hasher.matches(password, stored) ? issuer.issue(account) : null;
                }))
                .chain((TokenIssuer.IssuedToken token) -> token != null
                        ? throttle.succeeded(email, clientAddress).replaceWith(token)
                        // the reserved attempt stays counted: it was a failure
                        : Uni.createFrom().failure(
                                new ApiException(Status.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong.")));
    }
}
