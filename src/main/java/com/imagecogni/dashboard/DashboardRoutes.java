package com.imagecogni.dashboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the dashboard's one page for the paths a person opens directly: the verification link
 * of the sign-up email ({@code /verify?token=…}) lands on the same page, which reads the token
 * from the address; the rest of the dashboard navigates by the URL's fragment.
 */
@ApplicationScoped
public class DashboardRoutes {

    static final String PAGE = "/index.html";

    void install(@Observes Router router) {
        // a re-route keeps the browser's address (and so the token) and goes through the static handler
        router.get("/verify").handler(ctx -> ctx.reroute(PAGE));
    }
}
