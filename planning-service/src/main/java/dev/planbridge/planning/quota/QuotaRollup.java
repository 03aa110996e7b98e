package dev.planbridge.planning.quota;

import dev.planbridge.planning.territory.TerritoryHierarchy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares each parent territory's target with the sum of its children's in the same period. Children may carry
 * more than the parent (over-assignment, e.g. reps carry 110 % of the manager's number) up to {@code factor};
 * more than that, or less than the parent, is a warning — reported, never silently accepted or refused.
 */
public final class QuotaRollup {

    public record Target(String territoryKey, LocalDate periodStart, String periodType, BigDecimal amount) {
    }

    public record Warning(String territoryKey, LocalDate periodStart, String periodType, String kind,
                          BigDecimal parentAmount, BigDecimal childrenAmount, BigDecimal ratio, String message) {
    }

    private QuotaRollup() {
    }

    public static List<Warning> check(TerritoryHierarchy hierarchy, List<Target> targets, BigDecimal factor) {
        record Key(String territory, LocalDate start, String type) {
        }
        Map<Key, BigDecimal> byKey = new HashMap<>();
        for (Target t : targets) {
            if (t.territoryKey() != null && t.amount() != null) {
                byKey.merge(new Key(t.territoryKey(), t.periodStart(), t.periodType()), t.amount(), BigDecimal::add);
            }
        }
        List<Warning> warnings = new ArrayList<>();
        for (String parent : hierarchy.parentsFirst()) {
            List<String> children = hierarchy.childrenOf(parent);
            if (children.isEmpty()) {
                continue;
            }
            for (Map.Entry<Key, BigDecimal> entry : byKey.entrySet()) {
                Key key = entry.getKey();
                if (!key.territory().equals(parent)) {
                    continue;
                }
                BigDecimal parentAmount = entry.getValue();
                BigDecimal sum = BigDecimal.ZERO;
                boolean any = false;
                for (String child : children) {
                    BigDecimal childAmount = byKey.get(new Key(child, key.start(), key.type()));
                    if (childAmount != null) {
                        sum = sum.add(childAmount);
                        any = true;
                    }
                }
                if (!any) {
                    continue;
                }
                BigDecimal ratio = parentAmount.signum() == 0 ? null : sum.divide(parentAmount, 4, RoundingMode.HALF_UP);
                if (sum.compareTo(parentAmount) < 0) {
                    warnings.add(new Warning(parent, key.start(), key.type(), "UNDER_ASSIGNED", parentAmount, sum, ratio,
                            "children of " + parent + " carry " + sum.toPlainString() + ", less than its "
                                    + parentAmount.toPlainString() + " for " + key.type() + " " + key.start()));
                } else if (sum.compareTo(parentAmount.multiply(factor)) > 0) {
                    warnings.add(new Warning(parent, key.start(), key.type(), "OVER_ASSIGNED", parentAmount, sum, ratio,
                            "children of " + parent + " carry " + sum.toPlainString() + ", more than "
                                    + factor.toPlainString() + " x " + parentAmount.toPlainString() + " for "
                                    + key.type() + " " + key.start()));
                }
            }
        }
        warnings.sort(java.util.Comparator.comparing(Warning::territoryKey).thenComparing(Warning::periodStart));
        return warnings;
    }
}
