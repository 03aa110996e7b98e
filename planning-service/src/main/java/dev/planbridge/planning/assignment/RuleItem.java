package dev.planbridge.planning.assignment;

/**
 * One condition of a rule, the shape of Salesforce's {@code ObjectTerritory2AssignmentRuleItem}: {@code Field},
 * {@code Operation}, {@code Value}. Its number in the boolean filter is its 1-based place in the rule's item list
 * (the {@code SortOrder}). Lists ({@code within}, {@code includes}, {@code excludes}, {@code contains},
 * {@code startsWith}) separate values with {@code ;}.
 */
public record RuleItem(String field, String operation, String value) {
}
