package com.imagecogni.account;

import java.util.List;

import com.imagecogni.common.ImagecogniConfig;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A plan as customers see it: name, limits and the operation types it allows. */
@RegisterForReflection
public record PlanView(String name, String title, Limits limits, List<String> features) {

    /** What a plan allows, in numbers. */
    @RegisterForReflection
    public record Limits(long monthlyCredits, int activeIps, int configurations, int apiKeys, int sizesPerResize) {
    }

    static PlanView of(String name, ImagecogniConfig.Plan plan) {
        return new PlanView(name, plan.title(), new Limits(plan.monthlyCredits(), plan.activeIps(), plan.configurations(),
                plan.apiKeys(), plan.sizesPerResize()), List.copyOf(plan.features()));
    }

    public boolean allows(String feature) {
        return features.contains(feature);
    }
}
