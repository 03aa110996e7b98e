package dev.planbridge.sync.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies the three-way rule and the conflict policies to one record: decides whether it is created,
 * updated, deleted (and re-created, for associations), left alone, or held as a conflict.
 */
public final class RecordReconciler {

    private final ConflictPolicies policies;
    private final String integrationUserId;
    private final Resolution.Lookup resolutions;

    public RecordReconciler(ConflictPolicies policies, String integrationUserId) {
        this(policies, integrationUserId, Resolution.Lookup.none());
    }

    public RecordReconciler(ConflictPolicies policies, String integrationUserId, Resolution.Lookup resolutions) {
        this.policies = Objects.requireNonNull(policies);
        this.integrationUserId = integrationUserId;
        this.resolutions = resolutions;
    }

    /**
     * @param desired    the fields the plan wants compared and written, null when the record must not exist
     * @param createWith extra fields sent only when the record is created (keys, parents); may be empty
     * @param baseline   the fields in the baseline, null when the record did not exist then
     * @param current    the record in the CRM now, null when absent
     * @param lastPushed the values an earlier push of this service wrote, null when none
     */
    public RecordDecision reconcile(SObjectType object, String naturalKey, Map<String, String> desired,
                                    Map<String, String> createWith, Map<String, String> baseline,
                                    CrmRecord current, Map<String, String> lastPushed) {
        boolean recordByUs = current != null && integrationUserId != null
                && Values.sameId(integrationUserId, current.lastModifiedById());
        if (desired == null && current == null) {
            return new RecordDecision(object, naturalKey, null, List.of(), Map.of(), Map.of(), List.of(), false);
        }
        if (desired == null || current == null) {
            return reconcileExistence(object, naturalKey, desired, createWith, baseline, current,
                    recordByUs || (current != null && lastPushed != null));
        }
        List<FieldConflict> conflicts = new ArrayList<>();
        Map<String, String> writes = new LinkedHashMap<>();
        Map<String, String> before = new LinkedHashMap<>();
        boolean held = false;
        for (Map.Entry<String, String> field : desired.entrySet()) {
            String name = field.getKey();
            String base = baseline == null ? null : baseline.get(name);
            String now = current.get(name);
            boolean byUs = recordByUs || (lastPushed != null && lastPushed.containsKey(name)
                    && Objects.equals(lastPushed.get(name), now));
            Classification verdict = ThreeWay.classify(base, field.getValue(), now, byUs);
            String planValue = field.getValue();
            Resolution resolution = verdict == Classification.CONFLICT ? resolutions.find(object, naturalKey, name) : null;
            if (resolution != null && Objects.equals(resolution.crmValue(), now)) {
                if (resolution.keep() == Resolution.Keep.CRM) {
                    continue;
                }
                planValue = resolution.keep() == Resolution.Keep.VALUE ? resolution.value() : planValue;
                if (!Objects.equals(planValue, now)) {
                    writes.put(name, planValue);
                    before.put(name, now);
                }
                continue;
            }
            if (verdict == Classification.CONFLICT) {
                ConflictPolicy policy = policies.policyFor(object, name);
                conflicts.add(new FieldConflict(name, base, field.getValue(), now, current.lastModifiedById(),
                        current.lastModifiedDate(), policy));
                if (policy == ConflictPolicy.FLAG) {
                    held = true;
                } else if (policy == ConflictPolicy.PLAN_WINS) {
                    writes.put(name, field.getValue());
                    before.put(name, now);
                }
            } else if (verdict == Classification.WRITE) {
                writes.put(name, field.getValue());
                before.put(name, now);
            }
        }
        if (held || writes.isEmpty()) {
            return new RecordDecision(object, naturalKey, current.id(), List.of(), Map.of(), Map.of(), conflicts, held);
        }
        if (object.updatable()) {
            return new RecordDecision(object, naturalKey, current.id(), List.of(OpKind.UPDATE), writes, before,
                    conflicts, false);
        }
        // No update exists on associations: replace the record.
        Map<String, String> full = new LinkedHashMap<>(createWith);
        full.putAll(desired);
        return new RecordDecision(object, naturalKey, current.id(), List.of(OpKind.DELETE, OpKind.CREATE), full,
                new LinkedHashMap<>(current.fields()), conflicts, false);
    }

    private RecordDecision reconcileExistence(SObjectType object, String naturalKey, Map<String, String> desired,
                                              Map<String, String> createWith, Map<String, String> baseline,
                                              CrmRecord current, boolean currentByUs) {
        String base = baseline == null ? null : FieldConflict.PRESENT;
        String plan = desired == null ? null : FieldConflict.PRESENT;
        String now = current == null ? null : FieldConflict.PRESENT;
        Classification verdict = ThreeWay.classify(base, plan, now, currentByUs);
        Resolution resolution = verdict == Classification.CONFLICT
                ? resolutions.find(object, naturalKey, FieldConflict.EXISTENCE) : null;
        if (resolution != null && Objects.equals(resolution.crmValue(), now)) {
            verdict = resolution.keep() == Resolution.Keep.CRM ? Classification.UNCHANGED : Classification.WRITE;
        }
        boolean write = verdict == Classification.WRITE;
        List<FieldConflict> conflicts = List.of();
        if (verdict == Classification.CONFLICT) {
            ConflictPolicy policy = policies.policyFor(object, FieldConflict.EXISTENCE);
            conflicts = List.of(new FieldConflict(FieldConflict.EXISTENCE, base, plan, now,
                    current == null ? null : current.lastModifiedById(),
                    current == null ? null : current.lastModifiedDate(), policy));
            if (policy == ConflictPolicy.FLAG) {
                return new RecordDecision(object, naturalKey, current == null ? null : current.id(), List.of(),
                        Map.of(), Map.of(), conflicts, true);
            }
            write = policy == ConflictPolicy.PLAN_WINS;
        }
        if (!write) {
            return new RecordDecision(object, naturalKey, current == null ? null : current.id(), List.of(),
                    Map.of(), Map.of(), conflicts, false);
        }
        if (desired != null) {
            Map<String, String> values = new LinkedHashMap<>(createWith);
            values.putAll(desired);
            return new RecordDecision(object, naturalKey, null, List.of(OpKind.CREATE), values, Map.of(), conflicts,
                    false);
        }
        return new RecordDecision(object, naturalKey, current.id(), List.of(OpKind.DELETE), Map.of(),
                new LinkedHashMap<>(current.fields()), conflicts, false);
    }
}
