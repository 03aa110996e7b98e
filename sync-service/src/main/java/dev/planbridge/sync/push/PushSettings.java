package dev.planbridge.sync.push;

import dev.planbridge.sync.domain.ConflictPolicies;
import dev.planbridge.sync.domain.PushOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options of a push as stored in the ledger (JSON) and turned into the domain's {@link PushOptions}. */
final class PushSettings {

    static final String SCOPE = "scope";
    static final String POLICIES = "policies";
    static final String HANDOFF = "opportunityHandoff";
    static final String MODEL = "model";

    private PushSettings() {
    }

    /** Validates what a caller asked for; every problem is a clear IllegalArgumentException. */
    static Map<String, Object> of(List<String> scope, Map<String, String> policies, String handoff, String model) {
        Map<String, Object> settings = new LinkedHashMap<>();
        Set<PushOptions.ScopePart> parts = EnumSet.noneOf(PushOptions.ScopePart.class);
        if (scope != null) {
            for (String part : scope) {
                parts.add(PushOptions.ScopePart.parse(part));
            }
        }
        if (parts.isEmpty()) {
            parts = PushOptions.ScopePart.defaults();
        }
        List<String> names = new ArrayList<>();
        parts.forEach(p -> names.add(p.name()));
        settings.put(SCOPE, names);
        settings.put(POLICIES, ConflictPolicies.of(policies).asSpec());
        settings.put(HANDOFF, (handoff == null ? PushOptions.OpportunityHandoff.FOLLOW_ACCOUNT
                : PushOptions.OpportunityHandoff.parse(handoff)).name());
        if (model != null) {
            if (!model.matches("[A-Za-z][A-Za-z0-9_]{0,79}") || model.contains("__") || model.endsWith("_")) {
                throw new IllegalArgumentException("model must be a Territory2Model DeveloperName: a letter, then letters, "
                        + "digits and single underscores, at most 80 characters, not ending with '_'");
            }
            settings.put(MODEL, model);
        }
        return settings;
    }

    @SuppressWarnings("unchecked")
    static PushOptions toOptions(Map<String, Object> settings, String planId) {
        Set<PushOptions.ScopePart> parts = EnumSet.noneOf(PushOptions.ScopePart.class);
        for (String part : (List<String>) settings.getOrDefault(SCOPE, List.of())) {
            parts.add(PushOptions.ScopePart.parse(part));
        }
        return new PushOptions(parts, ConflictPolicies.of((Map<String, String>) settings.get(POLICIES)),
                PushOptions.OpportunityHandoff.parse((String) settings.getOrDefault(HANDOFF, "FOLLOW_ACCOUNT")),
                modelOf((String) settings.get(MODEL), planId));
    }

    /** The Territory2Model a push writes into: the one chosen in its settings ({@code chosen}), else the plan's own. */
    static String modelOf(String chosen, String planId) {
        return chosen != null ? chosen : PushOptions.modelNameFor(planId);
    }
}
