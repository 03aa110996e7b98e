package dev.planbridge.sync.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Conflict policies of one push: a default, overridden per object ({@code "Account"}) and per field
 * ({@code "Account.OwnerId"}); the most specific entry wins.
 */
public final class ConflictPolicies {

    public static final String DEFAULT_KEY = "default";

    private final ConflictPolicy defaultPolicy;
    private final Map<String, ConflictPolicy> overrides;

    private ConflictPolicies(ConflictPolicy defaultPolicy, Map<String, ConflictPolicy> overrides) {
        this.defaultPolicy = defaultPolicy;
        this.overrides = Map.copyOf(overrides);
    }

    public static ConflictPolicies flagAll() {
        return new ConflictPolicies(ConflictPolicy.FLAG, Map.of());
    }

    /**
     * Reads {@code {"default": "FLAG", "Account.OwnerId": "PLAN_WINS", "ForecastingQuota": "CRM_WINS"}}.
     * Unknown objects are rejected so that a typo does not silently fall back to the default.
     */
    public static ConflictPolicies of(Map<String, String> spec) {
        if (spec == null || spec.isEmpty()) {
            return flagAll();
        }
        ConflictPolicy fallback = ConflictPolicy.FLAG;
        Map<String, ConflictPolicy> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : spec.entrySet()) {
            String key = Objects.requireNonNull(entry.getKey(), "policy key").trim();
            ConflictPolicy policy = ConflictPolicy.parse(entry.getValue());
            if (key.equalsIgnoreCase(DEFAULT_KEY)) {
                fallback = policy;
                continue;
            }
            String object = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            SObjectType type = SObjectType.ofApiName(object);
            String normalised = key.contains(".") ? type.apiName() + key.substring(key.indexOf('.')) : type.apiName();
            overrides.put(normalised, policy);
        }
        return new ConflictPolicies(fallback, overrides);
    }

    public ConflictPolicy policyFor(SObjectType object, String field) {
        ConflictPolicy byField = overrides.get(object.apiName() + "." + field);
        if (byField != null) {
            return byField;
        }
        return overrides.getOrDefault(object.apiName(), defaultPolicy);
    }

    /** The policies as they were given, to store with the push. */
    public Map<String, String> asSpec() {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put(DEFAULT_KEY, defaultPolicy.name());
        overrides.forEach((key, policy) -> spec.put(key, policy.name()));
        return spec;
    }
}
