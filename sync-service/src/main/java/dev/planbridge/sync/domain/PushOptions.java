package dev.planbridge.sync.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What one push writes and how.
 *
 * @param scope            the parts of the plan to push
 * @param handoff          what happens to open opportunities when an account changes owner
 * @param modelDeveloperName the Territory2Model the push writes into (created in Planning state when absent)
 */
public record PushOptions(Set<ScopePart> scope, ConflictPolicies policies, OpportunityHandoff handoff,
                          String modelDeveloperName, Resolution.Lookup resolutions, Set<String> onlyRecords) {

    public PushOptions(Set<ScopePart> scope, ConflictPolicies policies, OpportunityHandoff handoff, String modelDeveloperName) {
        this(scope, policies, handoff, modelDeveloperName, Resolution.Lookup.none(), null);
    }

    /** A follow-up push: only the records in {@code onlyRecords} ("Object|naturalKey"), with their resolutions. */
    public PushOptions withResolutions(Resolution.Lookup lookup, Set<String> records) {
        return new PushOptions(scope, policies, handoff, modelDeveloperName, lookup, Set.copyOf(records));
    }

    public PushOptions {
        scope = scope == null || scope.isEmpty() ? ScopePart.defaults() : EnumSet.copyOf(scope);
        policies = policies == null ? ConflictPolicies.flagAll() : policies;
        handoff = handoff == null ? OpportunityHandoff.FOLLOW_ACCOUNT : handoff;
        Objects.requireNonNull(modelDeveloperName, "modelDeveloperName");
        resolutions = resolutions == null ? Resolution.Lookup.none() : resolutions;
    }

    public boolean includes(ScopePart part) {
        return scope.contains(part);
    }

    /** Parts of a plan a push can write. Account owners are opt-in. */
    public enum ScopePart {
        TERRITORIES, USER_ASSIGNMENTS, ACCOUNT_ASSIGNMENTS, ACCOUNT_OWNERS, QUOTAS;

        public static Set<ScopePart> defaults() {
            return EnumSet.of(TERRITORIES, USER_ASSIGNMENTS, ACCOUNT_ASSIGNMENTS, QUOTAS);
        }

        public static ScopePart parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Unknown scope part '" + text
                        + "'; use territories, user-assignments, account-assignments, account-owners, quotas");
            }
        }
    }

    /** Opportunity handoff policy when Account.OwnerId changes. */
    public enum OpportunityHandoff {
        /** Open opportunities owned by the previous account owner move to the new owner. */
        FOLLOW_ACCOUNT,
        /** Open opportunities stay with their current owner. */
        STAY_WITH_OWNER;

        public static OpportunityHandoff parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Unknown opportunity handoff '" + text
                        + "'; use follow-account or stay-with-owner");
            }
        }
    }

    /** A Territory2Model DeveloperName derived from a plan id: letters, digits, single underscores, ≤ 80. */
    public static String modelNameFor(String planId) {
        String cleaned = planId.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        String name = "Planbridge_" + cleaned;
        name = name.length() > 80 ? name.substring(0, 80) : name;
        return name.endsWith("_") ? name.substring(0, name.length() - 1) : name;
    }
}
