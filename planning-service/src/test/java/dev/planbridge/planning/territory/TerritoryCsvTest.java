package dev.planbridge.planning.territory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.csv.CsvRows;
import dev.planbridge.planning.csv.RowErrors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerritoryCsvTest {

    private static final TerritoryCsv KIND = new TerritoryCsv();
    private static final Set<String> TYPES = Set.of("Geo");

    @Test
    void shouldAcceptChildrenOfTerritoriesThePlanAlreadyHas() {
        RowErrors errors = new RowErrors("t.csv", 100);
        var existing = Map.of("World", new TerritoryHierarchy.Node("World", null, "Geo"));

        List<Object[]> rows = TerritoryCsv.check(CsvRows.of(KIND,
                "key,name,typeKey,parentKey,headcountCapacity\nEMEA,Europe,Geo,World,4\nDACH,DACH,Geo,EMEA,\n"),
                existing, TYPES, errors);

        assertEquals(2, rows.size());
        assertArrayEquals(new Object[] {"EMEA", "Europe", "Geo", "World", 4}, rows.get(0));
        assertArrayEquals(new Object[] {"DACH", "DACH", "Geo", "EMEA", null}, rows.get(1));
    }

    @Test
    void shouldNameBadCellsBeforeLookingAtTheTree() {
        RowErrors errors = new RowErrors("t.csv", 100);

        Problem problem = assertThrows(Problem.class, () -> TerritoryCsv.check(CsvRows.of(KIND,
                "key,name,typeKey,parentKey,headcountCapacity\nA,A,Geo,,-1\nB,B,Nope,A,\nA,A again,Geo,,\nC,C,Geo,Loop,\n"),
                Map.of(), TYPES, errors));

        assertEquals(List.of("2:headcountCapacity:must not be negative", "3:typeKey:unknown territory type 'Nope'",
                "4:key:duplicate territory key 'A' (also on row 2)"), CsvRows.described(errors));
        assertEquals(3, problem.errors().size(), "the unknown parent of row 5 waits until the cells are right");
    }

    @Test
    void shouldReportATreeErrorOnTheRowOfTheTerritoryItNames() {
        RowErrors errors = new RowErrors("t.csv", 100);

        assertThrows(Problem.class, () -> TerritoryCsv.check(CsvRows.of(KIND,
                "key,name,typeKey,parentKey\nA,A,Geo,\nB,B,Geo,Nowhere\n"), Map.of(), TYPES, errors));

        assertEquals(List.of("3:parentKey:territory 'B' has unknown parent 'Nowhere'"), CsvRows.described(errors));
    }
}
