package dev.planbridge.sync.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the operations of a push into API calls: one group per (stage, object, operation), in stage order,
 * each group in chunks of at most {@value #MAX_RECORDS_PER_CALL} records. This is the fewest calls the
 * dependency order allows: ⌈n / 200⌉ per group.
 */
public final class Batches {

    public static final int MAX_RECORDS_PER_CALL = 200;

    private Batches() {
    }

    /** Group of operations sent by the same kind of call. */
    public record Group(int stage, SObjectType object, OpKind op) {
    }

    public static <T> Map<Group, List<T>> group(List<T> operations, java.util.function.Function<T, Group> groupOf) {
        Map<Group, List<T>> groups = new java.util.TreeMap<>(java.util.Comparator.comparingInt(Group::stage)
                .thenComparing(Group::object).thenComparing(Group::op));
        for (T operation : operations) {
            groups.computeIfAbsent(groupOf.apply(operation), g -> new ArrayList<>()).add(operation);
        }
        return groups;
    }

    public static Map<Group, List<PlannedOperation>> group(List<PlannedOperation> operations) {
        return group(operations, op -> new Group(op.stage(), op.object(), op.op()));
    }

    public static <T> List<List<T>> chunks(List<T> items, int size) {
        if (size < 1 || size > MAX_RECORDS_PER_CALL) {
            throw new IllegalArgumentException("Batch size must be between 1 and " + MAX_RECORDS_PER_CALL + ", was " + size);
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return chunks;
    }

    public static long calls(long records) {
        return (records + MAX_RECORDS_PER_CALL - 1) / MAX_RECORDS_PER_CALL;
    }

    /** Write calls an apply takes when nothing needs a retry, per object and operation ("Territory2 CREATE"). */
    public static Map<String, Long> estimateCalls(List<PlannedOperation> operations) {
        Map<String, Long> calls = new LinkedHashMap<>();
        group(operations).forEach((group, ops) ->
                calls.merge(group.object().apiName() + " " + group.op(), calls(ops.size()), Long::sum));
        return calls;
    }

    public static long totalCalls(List<PlannedOperation> operations) {
        return estimateCalls(operations).values().stream().mapToLong(Long::longValue).sum();
    }
}
