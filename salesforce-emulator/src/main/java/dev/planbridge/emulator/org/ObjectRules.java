package dev.planbridge.emulator.org;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Per-object rules of a real org that a describe does not carry (Enterprise Territory Management, forecasting, user
 * hierarchy), registered by object name; the write path runs the object's rule after type conversion, required
 * fields and references, before uniqueness. An object without a rule (every custom object) has none.
 */
final class ObjectRules {

    /** What a rule sees: the record after the change, before it (null on create), the acting user, the tables. */
    record Change(ObjectDef object, Object[] values, Object[] before, String userId,
                  Function<String, Map<String, Org.Row>> tables) {

        Object get(String field) {
            return values[object.indexOf(field)];
        }

        Object get(Object[] row, String field) {
            return row[object.indexOf(field)];
        }

        /** The record's own id, null on create. */
        String selfId() {
            return before == null ? null : (String) get(before, "Id");
        }
    }

    @FunctionalInterface
    interface Rule {
        /** Throws a {@link RecordFailure} when the change breaks the rule. */
        void check(Change change);
    }

    private static final Map<String, Rule> RULES = Map.of(
            OrgSchema.TERRITORY2_MODEL, ObjectRules::modelLifecycle,
            OrgSchema.TERRITORY2, ObjectRules::territoryHierarchy,
            OrgSchema.USER, ObjectRules::notOwnManager,
            OrgSchema.FORECASTING_QUOTA, ObjectRules::notOwnQuota);

    private ObjectRules() {
    }

    static void check(Change change) {
        Rule rule = RULES.get(change.object().name());
        if (rule != null) {
            rule.check(change);
        }
    }

    /**
     * A new model starts in Planning (or Active, for seed data, when no other is); an update follows
     * {@link Territory2ModelLifecycle}: the requested State is replaced by the one to store (Active → Activating).
     */
    private static void modelLifecycle(Change change) {
        int state = change.object().indexOf("State");
        if (change.before() == null) {
            Territory2ModelLifecycle.onCreate((String) change.values()[state]);
            oneActiveModel(change);
            return;
        }
        boolean otherActivation = change.tables().apply(change.object().name()).entrySet().stream()
                .anyMatch(e -> e.getValue().deletedAt() == null && !e.getKey().equals(change.selfId())
                        && Territory2ModelLifecycle.ACTIVATING.equals(change.get(e.getValue().values(), "State")));
        change.values()[state] = Territory2ModelLifecycle.onUpdate((String) change.before()[state],
                (String) change.values()[state], otherActivation);
    }

    /** Only one Territory2Model can be Active. */
    private static void oneActiveModel(Change change) {
        if (!"Active".equals(change.get("State"))) {
            return;
        }
        for (Map.Entry<String, Org.Row> entry : change.tables().apply(change.object().name()).entrySet()) {
            if (entry.getValue().deletedAt() == null && !entry.getKey().equals(change.selfId())
                    && "Active".equals(change.get(entry.getValue().values(), "State"))) {
                throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION", "Only one territory model can be active. "
                        + "Territory model " + entry.getKey() + " is already active.", "State");
            }
        }
    }

    /** A parent territory belongs to the same model, and a territory is not its own ancestor. */
    private static void territoryHierarchy(Change change) {
        String parentId = (String) change.get("ParentTerritory2Id");
        if (parentId == null) {
            return;
        }
        Map<String, Org.Row> territories = change.tables().apply(change.object().name());
        Object[] parent = territories.get(parentId).values();
        if (!Objects.equals(change.get(parent, "Territory2ModelId"), change.get("Territory2ModelId"))) {
            throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION",
                    "The parent territory must belong to the same territory model.", "ParentTerritory2Id");
        }
        String cursor = parentId;
        Set<String> seen = new HashSet<>();
        while (cursor != null && seen.add(cursor)) {
            if (cursor.equals(change.selfId())) {
                throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION", "A territory can't be its own ancestor.",
                        "ParentTerritory2Id");
            }
            Org.Row next = territories.get(cursor);
            cursor = next == null ? null : (String) change.get(next.values(), "ParentTerritory2Id");
        }
    }

    private static void notOwnManager(Change change) {
        String selfId = change.selfId();
        if (selfId != null && selfId.equals(change.get("ManagerId"))) {
            throw RecordFailure.of("FIELD_INTEGRITY_EXCEPTION", "A user can't be their own manager.", "ManagerId");
        }
    }

    /** Salesforce refuses a user creating or editing their own ForecastingQuota. */
    private static void notOwnQuota(Change change) {
        boolean ownNow = change.userId().equals(change.get("QuotaOwnerId"));
        boolean ownBefore = change.before() != null && change.userId().equals(change.get(change.before(),
                "QuotaOwnerId"));
        if (ownNow || ownBefore) {
            throw RecordFailure.of("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
        }
    }
}
