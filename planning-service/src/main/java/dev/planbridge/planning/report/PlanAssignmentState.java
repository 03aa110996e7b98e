package dev.planbridge.planning.report;

import dev.planbridge.planning.assignment.AccountFacts;
import dev.planbridge.planning.assignment.Assignment;
import dev.planbridge.planning.assignment.AssignmentEngine;
import dev.planbridge.planning.assignment.RuleDefinition;
import dev.planbridge.planning.metric.AccountMetrics;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective assignment of every account of one plan version, with per-territory aggregates (accounts,
 * potential, open pipeline) kept up to date by edits: moving one account adjusts two aggregates, a rule change
 * re-evaluates accounts in memory. Reports read the aggregates instead of recomputing 100k accounts per request.
 * Not thread-safe: callers synchronise on the instance.
 */
public final class PlanAssignmentState {

    public static final class AccountState {
        public final AccountFacts facts;
        public final BigDecimal openPipeline;
        public final long openOpportunities;
        /** The plan's potential field for this account, and what it adds to each chosen metric. */
        final BigDecimal potential;
        final BigDecimal[] contributions;
        public String overrideTerritory;
        public String overrideReason;
        public Set<String> exclusions;
        public String territory;

        AccountState(AccountFacts facts, BigDecimal openPipeline, long openOpportunities, String overrideTerritory,
                     String overrideReason, Set<String> exclusions, AccountMetrics metrics) {
            this.facts = facts;
            this.openPipeline = openPipeline == null ? BigDecimal.ZERO : openPipeline;
            this.potential = metrics.potential(facts);
            this.contributions = metrics.contributions(facts, this.openPipeline);
            this.openOpportunities = openOpportunities;
            this.overrideTerritory = overrideTerritory;
            this.overrideReason = overrideReason;
            this.exclusions = exclusions;
        }

        public BigDecimal potential() {
            return potential;
        }
    }

    public static final class Aggregate {
        public long accounts;
        public BigDecimal potential = BigDecimal.ZERO;
        public BigDecimal openPipeline = BigDecimal.ZERO;
        /** Per chosen metric: the sum of the accounts' contributions and how many contributed. */
        public final BigDecimal[] sums;
        public final long[] counts;

        public Aggregate(int metrics) {
            sums = new BigDecimal[metrics];
            java.util.Arrays.fill(sums, BigDecimal.ZERO);
            counts = new long[metrics];
        }

        /** A copy for a report to read outside the state's lock. */
        public Aggregate copy() {
            Aggregate copy = new Aggregate(sums.length);
            copy.accounts = accounts;
            copy.potential = potential;
            copy.openPipeline = openPipeline;
            System.arraycopy(sums, 0, copy.sums, 0, sums.length);
            System.arraycopy(counts, 0, copy.counts, 0, counts.length);
            return copy;
        }

        void add(AccountState a, int sign) {
            accounts += sign;
            potential = sign > 0 ? potential.add(a.potential) : potential.subtract(a.potential);
            openPipeline = sign > 0 ? openPipeline.add(a.openPipeline) : openPipeline.subtract(a.openPipeline);
            for (int i = 0; i < sums.length; i++) {
                BigDecimal c = a.contributions[i];
                if (c != null) {
                    sums[i] = sign > 0 ? sums[i].add(c) : sums[i].subtract(c);
                    counts[i] += sign;
                }
            }
        }
    }

    private final Map<String, AccountState> accounts = new HashMap<>();
    private final Map<String, Aggregate> aggregates = new HashMap<>();
    private AssignmentEngine engine;
    private long version;
    /** Territories, people and quotas as the balancer reads them; dropped when any of them changes. */
    private Object metadata;

    private final AccountMetrics metrics;

    public PlanAssignmentState(long version, List<RuleDefinition> rules, AccountMetrics metrics) {
        this.version = version;
        this.engine = new AssignmentEngine(rules);
        this.metrics = metrics;
    }

    public AccountMetrics metrics() {
        return metrics;
    }

    public void addAccount(AccountFacts facts, BigDecimal openPipeline, long openOpportunities, String overrideTerritory,
                           String overrideReason, Set<String> exclusions) {
        AccountState state = new AccountState(facts, openPipeline, openOpportunities, overrideTerritory, overrideReason,
                exclusions == null ? Set.of() : exclusions, metrics);
        accounts.put(facts.id(), state);
        place(state);
    }

    private void place(AccountState state) {
        Assignment a = engine.assign(state.facts, state.overrideTerritory, state.overrideReason, state.exclusions);
        if (state.territory != null && !state.territory.equals(a.territoryKey())) {
            aggregates.get(state.territory).add(state, -1);
        }
        if (a.territoryKey() != null && !a.territoryKey().equals(state.territory)) {
            aggregates.computeIfAbsent(a.territoryKey(), k -> new Aggregate(metrics.metrics().size())).add(state, +1);
        }
        state.territory = a.territoryKey();
    }

    /** One account's override or exclusions changed: O(1). */
    public void replacePlacement(String accountId, String overrideTerritory, String overrideReason, Set<String> exclusions) {
        AccountState state = accounts.get(accountId);
        if (state == null) {
            return;
        }
        state.overrideTerritory = overrideTerritory;
        state.overrideReason = overrideReason;
        state.exclusions = exclusions == null ? Set.of() : exclusions;
        place(state);
    }

    /** One account's override changed, its exclusions did not: O(1). */
    public void replaceOverride(String accountId, String overrideTerritory, String overrideReason) {
        AccountState state = accounts.get(accountId);
        if (state != null) {
            state.overrideTerritory = overrideTerritory;
            state.overrideReason = overrideReason;
            place(state);
        }
    }

    /** The rules changed: every account is re-evaluated in memory (no database round trip). */
    public void replaceRules(Collection<RuleDefinition> rules) {
        engine = new AssignmentEngine(rules);
        for (AccountState state : accounts.values()) {
            place(state);
        }
    }

    /** The cached report inputs that do not depend on where accounts are, or null when they must be re-read. */
    public Object metadata() {
        return metadata;
    }

    public void metadata(Object metadata) {
        this.metadata = metadata;
    }

    public long version() {
        return version;
    }

    public void version(long version) {
        this.version = version;
    }

    public Map<String, Aggregate> aggregates() {
        return aggregates;
    }

    public Collection<AccountState> accounts() {
        return accounts.values();
    }

    public AccountState account(String id) {
        return accounts.get(id);
    }

    public long unassigned() {
        long assigned = 0;
        for (Aggregate a : aggregates.values()) {
            assigned += a.accounts;
        }
        return accounts.size() - assigned;
    }
}
