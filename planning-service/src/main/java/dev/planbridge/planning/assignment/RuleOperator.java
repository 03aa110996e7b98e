package dev.planbridge.planning.assignment;

import dev.planbridge.planning.crm.AccountFieldCatalog.FieldType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The operations of a rule item, named as in Salesforce's {@code ObjectTerritory2AssignmentRuleItem.Operation}. */
public enum RuleOperator {
    EQUALS("equals"), NOT_EQUAL("notEqual"), LESS_THAN("lessThan"), GREATER_THAN("greaterThan"),
    LESS_OR_EQUAL("lessOrEqual"), GREATER_OR_EQUAL("greaterOrEqual"), CONTAINS("contains"),
    NOT_CONTAIN("notContain"), STARTS_WITH("startsWith"), INCLUDES("includes"), EXCLUDES("excludes"),
    WITHIN("within");

    private static final Set<RuleOperator> COMPARISONS = EnumSet.of(LESS_THAN, GREATER_THAN, LESS_OR_EQUAL,
            GREATER_OR_EQUAL);
    private static final Set<RuleOperator> TEXT_SEARCH = EnumSet.of(CONTAINS, NOT_CONTAIN, STARTS_WITH);

    private final String apiName;

    RuleOperator(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<RuleOperator> of(String name) {
        return Arrays.stream(values()).filter(o -> o.apiName.equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst();
    }

    /** The operations a field of {@code type} accepts, in declaration order (quoted in error messages). */
    public static List<RuleOperator> validFor(FieldType type) {
        return Arrays.stream(values()).filter(o -> o.appliesTo(type)).toList();
    }

    public boolean appliesTo(FieldType type) {
        if (this == EQUALS || this == NOT_EQUAL) {
            return true;
        }
        return switch (type) {
            case INTEGER, DOUBLE, CURRENCY, PERCENT -> COMPARISONS.contains(this) || this == WITHIN;
            case STRING, TEXTAREA -> COMPARISONS.contains(this) || TEXT_SEARCH.contains(this) || this == WITHIN;
            case PICKLIST -> TEXT_SEARCH.contains(this) || this == WITHIN;
            case MULTIPICKLIST -> this == INCLUDES || this == EXCLUDES;
            case REFERENCE -> this == WITHIN || this == STARTS_WITH;
            case BOOLEAN -> false;
        };
    }

    /** Whether the value is a {@code ;}-separated list any element of which may match. */
    public boolean takesList() {
        return this == WITHIN || this == INCLUDES || this == EXCLUDES || TEXT_SEARCH.contains(this);
    }

    /** Whether an empty value is meaningful ("is empty" / "is not empty"). */
    public boolean acceptsEmptyValue() {
        return this == EQUALS || this == NOT_EQUAL;
    }

    /** Whether the item holds for an account whose field is empty (Salesforce: negative operations do). */
    public boolean holdsForEmptyField() {
        return this == NOT_EQUAL || this == NOT_CONTAIN || this == EXCLUDES;
    }

    /** Whether the value must be one of the picklist's values when the picklist is restricted. */
    public boolean comparesWholeValues() {
        return this == EQUALS || this == NOT_EQUAL || this == WITHIN || this == INCLUDES || this == EXCLUDES;
    }

    public boolean comparison() {
        return COMPARISONS.contains(this);
    }
}
