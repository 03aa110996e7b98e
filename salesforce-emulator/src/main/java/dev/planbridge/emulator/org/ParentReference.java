package dev.planbridge.emulator.org;

/**
 * A lookup set through the parent's external id instead of its Id, as Partner API clients (e.g. Data Loader) send it:
 * {@code <Parent><type>Account</type><External_Id__c>ACC-1</External_Id__c></Parent>}. Put it in
 * {@link RecordInput#values()} under the relationship name ("Parent", "Owner", ...); the org resolves it to the Id.
 */
public record ParentReference(String type, String field, String value) {
}
