package dev.planbridge.sync.push;

import dev.planbridge.salesforce.Soql;
import dev.planbridge.sync.domain.ConflictPolicies;
import dev.planbridge.sync.domain.CrmCallException;
import dev.planbridge.sync.domain.CrmGateway;
import dev.planbridge.sync.domain.CrmRecord;
import dev.planbridge.sync.domain.FieldConflict;
import dev.planbridge.sync.domain.OpKind;
import dev.planbridge.sync.domain.PlannedOperation;
import dev.planbridge.sync.domain.PushPlan;
import dev.planbridge.sync.domain.RecordDecision;
import dev.planbridge.sync.domain.RecordReconciler;
import dev.planbridge.sync.domain.SObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the undo of a push: what it created is deleted, what it updated gets its earlier values back, what it
 * deleted is created again - each only while the CRM still holds what the push wrote. A record changed since is
 * a conflict (reported, never overwritten). Undo writes go in the reverse order of the push's.
 */
@ApplicationScoped
public class UndoPlanner {

    static final int REVERSE = 1000;

    @Transactional
    List<PushOperation> written(java.util.UUID pushId) {
        return PushOperation.list("pushId = ?1 and status = 'SUCCEEDED' and op <> 'NONE' order by stage, id", pushId);
    }

    public PushPlan plan(Push undo, CrmGateway crm, int maxQueryLength) throws CrmCallException {
        List<PushOperation> done = written(undo.parentPushId);
        Map<SObjectType, Set<String>> idsByObject = new EnumMap<>(SObjectType.class);
        Map<SObjectType, Set<String>> fieldsByObject = new EnumMap<>(SObjectType.class);
        for (PushOperation op : done) {
            if (OpKind.valueOf(op.op) == OpKind.DELETE) {
                continue;
            }
            SObjectType object = SObjectType.ofApiName(op.object);
            idsByObject.computeIfAbsent(object, k -> new LinkedHashSet<>()).add(op.sfId != null ? op.sfId : op.recordId);
            Set<String> fields = fieldsByObject.computeIfAbsent(object, k -> new LinkedHashSet<>());
            if (op.sent != null) {
                fields.addAll(op.sent.keySet());
            }
        }
        Map<String, CrmRecord> current = new HashMap<>();
        for (Map.Entry<SObjectType, Set<String>> entry : idsByObject.entrySet()) {
            Set<String> fields = new LinkedHashSet<>(fieldsByObject.get(entry.getKey()));
            fields.remove("Id");
            String select = "SELECT Id" + (fields.isEmpty() ? "" : ", " + String.join(", ", fields))
                    + ", LastModifiedById, LastModifiedDate FROM " + entry.getKey().apiName() + " WHERE";
            for (String soql : Soql.inQueries(select, "Id", entry.getValue(), "", maxQueryLength)) {
                for (CrmRecord record : crm.query(soql)) {
                    current.put(record.id().substring(0, 15), record);
                }
            }
        }
        RecordReconciler reconciler = new RecordReconciler(ConflictPolicies.flagAll(), null);
        List<PlannedOperation> operations = new ArrayList<>();
        List<PushPlan.Conflict> conflicts = new ArrayList<>();
        Map<SObjectType, long[]> tallies = new EnumMap<>(SObjectType.class);
        for (PushOperation op : done) {
            SObjectType object = SObjectType.ofApiName(op.object);
            int stage = REVERSE - op.stage;
            Map<String, String> sent = op.sent == null ? Map.of() : op.sent;
            RecordDecision decision;
            switch (OpKind.valueOf(op.op)) {
                case CREATE -> decision = reconciler.reconcile(object, op.naturalKey, null, Map.of(), sent,
                        current.get(shortId(op.sfId)), null);
                case UPDATE -> {
                    Map<String, String> restore = new LinkedHashMap<>();
                    sent.keySet().forEach(f -> restore.put(f, op.before == null ? null : op.before.get(f)));
                    CrmRecord now = current.get(shortId(op.recordId));
                    decision = now == null
                            ? new RecordDecision(object, op.naturalKey, op.recordId, List.of(), Map.of(), Map.of(),
                            List.of(new FieldConflict(FieldConflict.EXISTENCE, FieldConflict.PRESENT, FieldConflict.PRESENT,
                                    null, null, null, dev.planbridge.sync.domain.ConflictPolicy.FLAG)), true)
                            : reconciler.reconcile(object, op.naturalKey, restore, Map.of(), sent, now, null);
                }
                case DELETE -> {
                    Map<String, String> restore = new LinkedHashMap<>(op.before == null ? Map.of() : op.before);
                    restore.remove("Id");
                    decision = new RecordDecision(object, op.naturalKey, null, List.of(OpKind.CREATE), restore, Map.of(),
                            List.of(), false);
                }
                default -> throw new IllegalStateException(op.op);
            }
            long[] tally = tallies.computeIfAbsent(object, k -> new long[2]);
            tally[0]++;
            if (decision.unchanged()) {
                tally[1]++;
            }
            decision.conflicts().forEach(c -> conflicts.add(new PushPlan.Conflict(object, op.naturalKey,
                    decision.recordId(), c, decision.held())));
            for (OpKind kind : decision.ops()) {
                operations.add(new PlannedOperation(stage, object, kind, op.naturalKey,
                        kind == OpKind.CREATE ? null : decision.recordId(),
                        kind == OpKind.DELETE ? Map.of() : decision.writes(), decision.before()));
            }
        }
        operations.sort((a, b) -> Integer.compare(a.stage(), b.stage()));
        Map<SObjectType, PushPlan.Tally> result = new EnumMap<>(SObjectType.class);
        tallies.forEach((object, t) -> result.put(object, new PushPlan.Tally(t[0], t[1])));
        return new PushPlan(operations, conflicts, List.of(), result);
    }

    private static String shortId(String id) {
        return id == null ? "" : id.substring(0, Math.min(15, id.length()));
    }
}
