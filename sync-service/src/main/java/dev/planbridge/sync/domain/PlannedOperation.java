package dev.planbridge.sync.domain;

import java.util.Map;

/**
 * One write of a push, in the order it must happen ({@code stage}). Values may hold references to records
 * created earlier in the same push ({@link Refs}).
 *
 * @param recordId the Salesforce Id of the record (UPDATE and DELETE)
 * @param before   the CRM's values before the write, kept for undo
 */
public record PlannedOperation(int stage, SObjectType object, OpKind op, String naturalKey, String recordId,
                               Map<String, String> values, Map<String, String> before) {
}
