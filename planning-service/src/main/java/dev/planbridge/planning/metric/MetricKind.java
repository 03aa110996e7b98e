package dev.planbridge.planning.metric;

import java.util.Arrays;
import java.util.Optional;

/** What a balancer metric measures per territory. */
public enum MetricKind {
    /** Accounts placed in the territory. */
    ACCOUNT_COUNT("accountCount"),
    /** Sum of a numeric Account field (empty counts as 0). */
    SUM("sum"),
    /** Average of a numeric Account field over the accounts where it is set. */
    AVERAGE("average"),
    /** Accounts matching a filter in the rule language, e.g. "Tier A accounts". */
    COUNT_MATCHING("countMatching"),
    /** Amount of the accounts' open opportunities. */
    OPEN_PIPELINE("openPipeline"),
    /** The territory's quota (coarsest period type, ramp applied). */
    QUOTA("quota");

    private final String apiName;

    MetricKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<MetricKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.apiName.equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst();
    }

    public boolean needsField() {
        return this == SUM || this == AVERAGE;
    }
}
