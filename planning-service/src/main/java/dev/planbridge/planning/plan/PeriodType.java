package dev.planbridge.planning.plan;

/** Quota period granularity, named as Salesforce's Period.Type. */
public enum PeriodType {
    Month(1), Quarter(3), Year(12);

    private final int months;

    PeriodType(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }

    public static PeriodType parse(String text) {
        for (PeriodType type : values()) {
            if (type.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("period type must be Month, Quarter or Year, not '" + text + "'");
    }
}
