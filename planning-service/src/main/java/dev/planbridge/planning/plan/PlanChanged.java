package dev.planbridge.planning.plan;

import java.util.UUID;

/**
 * Fired (CDI event) when a plan's content changed; observers react after the commit, so caches only ever see
 * committed data. {@code change} says what changed so caches can update incrementally.
 */
public record PlanChanged(UUID planId, long previousVersion, long newVersion, Change change) {

    public sealed interface Change {
    }

    /** One account's override or exclusions changed. */
    public record AccountPlacement(String accountId, String overrideTerritory, String overrideReason,
                                   java.util.Set<String> exclusions) implements Change {
    }

    /**
     * Many accounts got an override at once (CSV import); their exclusions did not change.
     *
     * @param byAccount the new override of each account
     */
    public record Overrides(java.util.Map<String, Placement> byAccount) implements Change {
    }

    /** An override: the territory an account is placed in and why. */
    public record Placement(String territoryKey, String reason) {
    }

    /** The rule set changed; caches re-evaluate every account in memory. */
    public record Rules(java.util.List<dev.planbridge.planning.assignment.RuleDefinition> rules) implements Change {
    }

    /** Territories, people or quotas changed: no account moved. */
    public record Metadata() implements Change {
    }

    /** Anything else (imports, baseline refresh): caches rebuild from the database. */
    public record Bulk() implements Change {
    }
}
