package dev.planbridge.sync.push;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/pushes}.
 *
 * @param mode               {@code dry-run} or {@code apply}
 * @param scope              parts to push: territories, user-assignments, account-assignments, account-owners, quotas
 *                           (default: all but account-owners)
 * @param policies           conflict policies, e.g. {@code {"default": "FLAG", "Account.OwnerId": "PLAN_WINS"}}
 * @param opportunityHandoff follow-account (default) or stay-with-owner
 * @param model              DeveloperName of an existing Planning Territory2Model to write into (default: one per plan)
 */
public record PushRequest(String planId, String mode, List<String> scope, Map<String, String> policies,
                          String opportunityHandoff, String model) {
}
