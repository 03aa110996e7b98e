package dev.planbridge.planning.assignment;

/** One ordered assignment rule: accounts matching {@code criteria} go to {@code territoryKey}. */
public record RuleDefinition(long id, String name, int position, String territoryKey, RuleCriteria criteria) {
}
