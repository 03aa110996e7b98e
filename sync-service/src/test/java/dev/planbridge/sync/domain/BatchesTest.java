package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchesTest {

    static PlannedOperation op(int stage, SObjectType object, OpKind kind, int i) {
        return new PlannedOperation(stage, object, kind, object + "-" + i, null, Map.of(), Map.of());
    }

    @Test
    void shouldNeedCeilingOfRecordsOver200Calls() {
        assertEquals(0, Batches.calls(0));
        assertEquals(1, Batches.calls(1));
        assertEquals(1, Batches.calls(200));
        assertEquals(2, Batches.calls(201));
        assertEquals(50, Batches.calls(10_000));
    }

    @Test
    void shouldGroupByStageObjectAndOperationInStageOrder() {
        List<PlannedOperation> ops = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            ops.add(op(Stages.OBJECT_ASSOCIATION_CREATE, SObjectType.OBJECT_TERRITORY2_ASSOCIATION, OpKind.CREATE, i));
        }
        for (int i = 0; i < 3; i++) {
            ops.add(op(Stages.territoryCreate(1), SObjectType.TERRITORY2, OpKind.CREATE, i));
            ops.add(op(Stages.territoryCreate(0), SObjectType.TERRITORY2, OpKind.CREATE, 10 + i));
        }
        ops.add(op(Stages.OBJECT_ASSOCIATION_DELETE, SObjectType.OBJECT_TERRITORY2_ASSOCIATION, OpKind.DELETE, 0));
        List<Batches.Group> order = new ArrayList<>(Batches.group(ops).keySet());
        assertEquals(List.of(
                new Batches.Group(Stages.territoryCreate(0), SObjectType.TERRITORY2, OpKind.CREATE),
                new Batches.Group(Stages.territoryCreate(1), SObjectType.TERRITORY2, OpKind.CREATE),
                new Batches.Group(Stages.OBJECT_ASSOCIATION_DELETE, SObjectType.OBJECT_TERRITORY2_ASSOCIATION, OpKind.DELETE),
                new Batches.Group(Stages.OBJECT_ASSOCIATION_CREATE, SObjectType.OBJECT_TERRITORY2_ASSOCIATION, OpKind.CREATE)),
                order);
        Map<String, Long> calls = Batches.estimateCalls(ops);
        assertEquals(2L, calls.get("Territory2 CREATE"));
        assertEquals(3L, calls.get("ObjectTerritory2Association CREATE"));
        assertEquals(6, Batches.totalCalls(ops));
    }

    @Test
    void shouldChunkWithoutLosingOrReorderingAndRefuseOversizedBatches() {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 401; i++) {
            items.add(i);
        }
        List<List<Integer>> chunks = Batches.chunks(items, 200);
        assertEquals(List.of(200, 200, 1), chunks.stream().map(List::size).toList());
        assertEquals(items, chunks.stream().flatMap(List::stream).toList());
        assertThrows(IllegalArgumentException.class, () -> Batches.chunks(items, 201));
    }
}
