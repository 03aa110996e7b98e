package dev.planbridge.planning.assignment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Computes an account's effective territory. Order of precedence:
 * <ol>
 *   <li>an account-level override (with its reason) wins over everything;</li>
 *   <li>otherwise the rules in ascending {@code position}; the first rule that matches and whose territory the
 *       account is not excluded from places it;</li>
 *   <li>otherwise the account is unassigned (reported, never silently dropped).</li>
 * </ol>
 */
public final class AssignmentEngine {

    private final List<RuleDefinition> rules;

    public AssignmentEngine(Collection<RuleDefinition> rules) {
        this.rules = rules.stream()
                .sorted(Comparator.comparingInt(RuleDefinition::position).thenComparingLong(RuleDefinition::id))
                .toList();
    }

    public List<RuleDefinition> rules() {
        return rules;
    }

    /** Fast path without the explanation, for whole-plan computations. */
    public Assignment assign(AccountFacts account, String overrideTerritory, String overrideReason,
                             Set<String> excludedTerritories) {
        return evaluate(account, overrideTerritory, overrideReason, excludedTerritories, false);
    }

    public Assignment explain(AccountFacts account, String overrideTerritory, String overrideReason,
                              Set<String> excludedTerritories) {
        return evaluate(account, overrideTerritory, overrideReason, excludedTerritories, true);
    }

    private Assignment evaluate(AccountFacts account, String overrideTerritory, String overrideReason,
                                Set<String> excluded, boolean explain) {
        List<String> steps = explain ? new ArrayList<>() : List.of();
        if (overrideTerritory != null) {
            if (explain) {
                steps.add("override to " + overrideTerritory + ": " + overrideReason);
            }
            return new Assignment(account.id(), overrideTerritory, Assignment.Source.OVERRIDE, null, null,
                    overrideReason, steps);
        }
        for (RuleDefinition rule : rules) {
            if (!rule.criteria().matches(account)) {
                if (explain) {
                    steps.add("rule " + rule.position() + " '" + rule.name() + "' does not match");
                }
                continue;
            }
            if (excluded != null && excluded.contains(rule.territoryKey())) {
                if (explain) {
                    steps.add("rule " + rule.position() + " '" + rule.name() + "' matches but the account is excluded from "
                            + rule.territoryKey());
                }
                continue;
            }
            if (explain) {
                steps.add("rule " + rule.position() + " '" + rule.name() + "' matches: " + rule.territoryKey());
            }
            return new Assignment(account.id(), rule.territoryKey(), Assignment.Source.RULE, rule.id(), rule.name(),
                    null, steps);
        }
        if (explain) {
            steps.add(rules.isEmpty() ? "the plan has no rules" : "no rule matches");
        }
        return new Assignment(account.id(), null, Assignment.Source.UNASSIGNED, null, null, null, steps);
    }
}
