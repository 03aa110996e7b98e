package dev.planbridge.sync.domain;

/** A plan record that cannot be pushed (bad input); reported in a dry run, skipped with its reason on apply. */
public record PlanIssue(SObjectType object, String naturalKey, String reason) {
}
