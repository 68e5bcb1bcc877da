package com.imagecogni.delivery;

import java.util.Optional;

import com.imagecogni.common.Blocking;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.outbound.UrlRules;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The postback-URL rules, for the configuration being saved and for every send: the one URL check of the service
 * ({@link UrlRules}), worded for postbacks and with {@code imagecogni.postback.allow-private-networks}. At send it
 * turns the URL into the one checked address the connection goes to. {@link #resolve} and {@link #refusalAtSave} look
 * names up: call them off the event loop, or use {@link #refusalAtSaveOffLoop}.
 */
@ApplicationScoped
public class PostbackTargets {

    /** The longest postback URL (the column is varchar(2048)). */
    public static final int MAX_LENGTH = UrlRules.MAX_LENGTH;

    /** How refusals of a postback URL are worded. */
    public static final UrlRules.Use POSTBACK = new UrlRules.Use("postback URL", "; the postback is signed instead",
            "postbacks must go to a public address");

    /** The refusal of a name whose address is not allowed: which address, or which kind, is not said. */
    public static final String NAME_NOT_ALLOWED = POSTBACK.nameNotAllowed();

    @Inject
    ImagecogniConfig config;

    @Inject
    Blocking blocking;

    /**
     * The first rule {@code url} breaks that needs no name lookup, or empty (see {@link UrlRules#checkWithoutLookup}).
     * The configuration reports a form refusal as a field error.
     */
    public static Optional<UrlRules.Refusal> checkWithoutLookup(String url) {
        return UrlRules.checkWithoutLookup(url, POSTBACK);
    }

    /** Every rule, for a send: the checked destination, or why there is none. Looks the host up (blocking). */
    public UrlRules.Target resolve(String url) throws UrlRules.RefusedTarget {
        // the form first: a URL of the wrong form is refused whatever the operator allows
        Optional<UrlRules.Refusal> refusal = checkWithoutLookup(url);
        if (refusal.isPresent()) {
            throw new UrlRules.RefusedTarget(refusal.get().sentence(POSTBACK));
        }
        return UrlRules.resolve(url, POSTBACK, config.postback().allowPrivateNetworks());
    }

    /**
     * Every rule, for a configuration being saved: like {@link #resolve}, except that a name that
     * does not resolve (yet) is accepted; it is checked again at every send. Looks the host up (blocking).
     */
    public Optional<UrlRules.Refusal> refusalAtSave(String url) {
        Optional<UrlRules.Refusal> refusal = checkWithoutLookup(url);
        if (refusal.isPresent()) {
            return refusal;
        }
        try {
            resolve(url);
            return Optional.empty();
        } catch (UrlRules.RefusedTarget e) {
            return e.unresolved() ? Optional.empty() : Optional.of(new UrlRules.Refusal(true, e.getMessage()));
        }
    }

    /** {@link #refusalAtSave} with the lookup on a worker thread, resuming on the caller's context. */
    public Uni<Optional<UrlRules.Refusal>> refusalAtSaveOffLoop(String url) {
        Optional<UrlRules.Refusal> refusal = checkWithoutLookup(url);
        return refusal.isPresent() ? Uni.createFrom().item(refusal) : blocking.run(() -> refusalAtSave(url));
    }
}
