package com.imagecogni.account;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.imagecogni.common.ImagecogniConfig;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The plan catalogue from configuration, checked once at start so a typo fails fast. */
@Startup
@ApplicationScoped
public class Plans {

    @Inject
    ImagecogniConfig config;

    @PostConstruct
    void check() {
        if (!config.plans().containsKey(config.defaultPlan())) {
            throw new IllegalStateException("imagecogni.default-plan=" + config.defaultPlan()
                    + " is not one of imagecogni.plans: " + config.plans().keySet());
        }
        config.plans().forEach((name, plan) -> plan.features().forEach(feature -> {
            if (!Features.ALL.contains(feature)) {
                throw new IllegalStateException("imagecogni.plans." + name + ".features lists unknown feature '" + feature
                        + "'; known: " + Features.ALL);
            }
        }));
    }

    public String defaultPlan() {
        return config.defaultPlan();
    }

    public Optional<PlanView> find(String name) {
        ImagecogniConfig.Plan plan = name == null ? null : config.plans().get(name);
        return plan == null ? Optional.empty() : Optional.of(PlanView.of(name, plan));
    }

    /** The plan an account is on; falls back to the default when an operator removed its plan. */
    public PlanView of(Account account) {
        return find(account.plan).orElseGet(() -> find(config.defaultPlan()).orElseThrow());
    }

    /** All plans, cheapest first. */
    public List<PlanView> all() {
        return config.plans().entrySet().stream()
                .map((Map.Entry<String, ImagecogniConfig.Plan> e) -> PlanView.of(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong((PlanView p) -> p.limits().monthlyCredits()).thenComparing(PlanView::name))
                .toList();
    }
}
