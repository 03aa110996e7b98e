package dev.planbridge.planning.assignment;

import dev.planbridge.planning.crm.AccountFieldCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** Parallel to {@link #rules}; null where the rule is broken. */
    private final CompiledCriteria[] compiled;
    private final Map<Long, String> broken = new LinkedHashMap<>();

    public AssignmentEngine(Collection<RuleDefinition> rules) {
        this(rules, AccountFieldCatalog.standard());
    }

    /**
     * A rule that does not fit {@code catalog} (its field left the org, say) is kept as broken: it places no account
     * and {@link #brokenRules()} names it, so reports can show it instead of quietly routing around it.
     */
    public AssignmentEngine(Collection<RuleDefinition> rules, AccountFieldCatalog catalog) {
        this.rules = rules.stream()
                .sorted(Comparator.comparingInt(RuleDefinition::position).thenComparingLong(RuleDefinition::id))
                .toList();
        this.compiled = new CompiledCriteria[this.rules.size()];
        for (int i = 0; i < compiled.length; i++) {
            RuleDefinition rule = this.rules.get(i);
            try {
                compiled[i] = CompiledCriteria.compile(rule.criteria(), catalog);
            } catch (IllegalArgumentException e) {
                broken.put(rule.id(), e.getMessage());
            }
        }
    }

    /** Rule id to what is wrong with it, for rules that cannot be evaluated. */
    public Map<Long, String> brokenRules() {
        return Map.copyOf(broken);
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
        for (int i = 0; i < compiled.length; i++) {
            RuleDefinition rule = rules.get(i);
            CompiledCriteria criteria = compiled[i];
            if (criteria == null) {
                if (explain) {
                    steps.add("rule " + rule.position() + " '" + rule.name() + "' is broken and places nobody: "
                            + broken.get(rule.id()));
                }
                continue;
            }
            if (!criteria.matches(account)) {
                if (explain) {
                    steps.add("rule " + rule.position() + " '" + rule.name() + "' does not match: "
                            + criteria.describe(account));
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
                steps.add("rule " + rule.position() + " '" + rule.name() + "' matches: " + rule.territoryKey() + " ("
                        + criteria.describe(account) + ")");
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
