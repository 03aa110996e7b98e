package dev.planbridge.planning.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.territory.TerritoryHierarchy.Node;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerritoryHierarchyTest {

    static final Set<String> TYPES = Set.of("Geo", "Named");

    @Test
    void shouldOrderParentsBeforeChildrenAtAnyDepth() {
        TerritoryHierarchy.Result result = TerritoryHierarchy.build(List.of(
                new Node("US_WEST_CA", "US_WEST", "Geo"),
                new Node("US_WEST", "US", "Geo"),
                new Node("US", null, "Geo"),
                new Node("US_EAST", "US", "Geo")), TYPES);

        assertTrue(result.ok());
        List<String> order = result.hierarchy().parentsFirst();
        assertTrue(order.indexOf("US") < order.indexOf("US_WEST"));
        assertTrue(order.indexOf("US_WEST") < order.indexOf("US_WEST_CA"));
        assertEquals(2, result.hierarchy().depth("US_WEST_CA"));
    }

    @Test
    void shouldRejectCycleNamingItsMembers() {
        TerritoryHierarchy.Result result = TerritoryHierarchy.build(List.of(
                new Node("A", "C", "Geo"), new Node("B", "A", "Geo"), new Node("C", "B", "Geo"),
                new Node("ROOT", null, "Geo")), TYPES);

        assertFalse(result.ok());
        assertTrue(result.errors().get(0).reason().contains("cycle"), result.errors().toString());
        assertTrue(result.errors().get(0).reason().contains("A -> C -> B -> A")
                || result.errors().get(0).reason().contains("-> A"), result.errors().toString());
    }

    @Test
    void shouldRejectSelfParent() {
        assertFalse(TerritoryHierarchy.build(List.of(new Node("A", "A", "Geo")), TYPES).ok());
    }

    @Test
    void shouldRejectOrphansDuplicatesUnknownTypesAndBadKeys() {
        TerritoryHierarchy.Result result = TerritoryHierarchy.build(List.of(
                new Node("A", null, "Geo"), new Node("A", null, "Geo"),
                new Node("B", "MISSING", "Geo"), new Node("C", null, "Nope"), new Node("bad key", null, "Geo")), TYPES);

        List<String> reasons = result.errors().stream().map(e -> e.reason()).toList();
        assertTrue(reasons.stream().anyMatch(r -> r.contains("duplicate territory key 'A'")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown parent 'MISSING'")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown type 'Nope'")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not a valid DeveloperName")), reasons.toString());
    }
}
