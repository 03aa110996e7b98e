package dev.planbridge.contracts;

import java.util.Locale;

/** Kafka topic names shared by all services. docs/events.md documents each one. */
public final class Topics {

    /** Prefix of the per-object change topics, e.g. {@code crm.account.changes}. Key: Salesforce record Id. */
    public static final String CRM_PREFIX = "crm.";

    /**
     * Changes of the captured field lists ({@link dev.planbridge.contracts.feed.SchemaChanged}). Key: object API name.
     * It matches {@code crm.<x>.changes} by shape but carries no change events: subscribe to object change topics
     * with {@link #OBJECT_CHANGES_REGEX}, never with a plain {@code crm\..*\.changes}.
     */
    public static final String SCHEMA_CHANGES = "crm.schema.changes";

    /** Regular expression of every object change topic, {@link #SCHEMA_CHANGES} excluded (no object is "schema"). */
    public static final String OBJECT_CHANGES_REGEX = "crm\\.(?!schema\\.)[^.]+\\.changes";

    /** Plan lifecycle events ({@link dev.planbridge.contracts.plan.PlanApproved}). Key: plan id. */
    public static final String PLAN_EVENTS = "plan.events";

    /** Push progress ({@link dev.planbridge.contracts.sync.SyncProgress}). Key: push id. */
    public static final String SYNC_PROGRESS = "sync.progress";

    /** Conflicts found by a push ({@link dev.planbridge.contracts.sync.SyncConflict}). Key: push id. */
    public static final String SYNC_CONFLICTS = "sync.conflicts";

    /** Final push outcomes ({@link dev.planbridge.contracts.sync.SyncCompleted}). Key: plan id. */
    public static final String SYNC_COMPLETED = "sync.completed";

    /** A plan's Territory2Model went live ({@link dev.planbridge.contracts.sync.PlanActivated}). Key: plan id. */
    public static final String SYNC_ACTIVATIONS = "sync.activations";

    private Topics() {
    }

    /** Change events of one Salesforce object, e.g. {@code crm.account.changes}. */
    public static String changes(String sobjectType) {
        return CRM_PREFIX + sobjectType.toLowerCase(Locale.ROOT) + ".changes";
    }

    /** Compacted topic with the latest full image of each record of one object (tombstone on delete). */
    public static String state(String sobjectType) {
        return CRM_PREFIX + sobjectType.toLowerCase(Locale.ROOT) + ".state";
    }
}
