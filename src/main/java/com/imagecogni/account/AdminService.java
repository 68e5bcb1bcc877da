package com.imagecogni.account;

import java.time.Instant;
import java.util.UUID;

import com.imagecogni.common.ApiException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Operator actions: changing an account's plan (there is no payment integration). */
@ApplicationScoped
public class AdminService {

    @Inject
    Plans plans;

    @WithTransaction
    public Uni<Account> changePlan(UUID accountId, String plan, String adminEmail) {
        if (plans.find(plan).isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalidField("unknown_plan", "$.plan",
                    "must be one of " + plans.all().stream().map(PlanView::name).toList()));
        }
        return Account.<Account>findById(accountId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ApiException.notFound("account_not_found", "No account with id " + accountId + "."));
            }
            account.plan = plan;
            PlanAssignment assignment = new PlanAssignment();
            assignment.id = UUID.randomUUID();
            assignment.accountId = accountId;
            assignment.plan = plan;
            assignment.assignedBy = adminEmail;
            assignment.assignedAt = Instant.now();
            return assignment.persist().replaceWith(account);
        });
    }
}
