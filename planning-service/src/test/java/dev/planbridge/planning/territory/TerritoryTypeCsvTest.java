package dev.planbridge.planning.territory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.planbridge.planning.csv.CsvRows;
import dev.planbridge.planning.csv.RowErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerritoryTypeCsvTest {

    private static final TerritoryTypeCsv KIND = new TerritoryTypeCsv();

    @Test
    void shouldStageEachTypeWithItsPriority() {
        RowErrors errors = new RowErrors("t.csv", 100);

        List<Object[]> types = TerritoryTypeCsv.check(CsvRows.of(KIND, "key,label,priority\nGeo,Geography,1\nNamed,Named accounts,20\n"), errors);

        assertEquals(List.of(), errors.listed());
        assertArrayEquals(new Object[] {"Geo", "Geography", 1}, types.get(0));
        assertArrayEquals(new Object[] {"Named", "Named accounts", 20}, types.get(1));
    }

    @Test
    void shouldNameRepeatedKeysAndPrioritiesOutOfRangeOrTwice() {
        RowErrors errors = new RowErrors("t.csv", 100);

        TerritoryTypeCsv.check(CsvRows.of(KIND, "key,label,priority\nGeo,G,1\nGeo,G2,2\nX,X,1\nY,Y,1000\nZ,,x\n"), errors);

        assertEquals(List.of("3:key:duplicate key 'Geo' in this file",
                "4:priority:priority 1 appears twice; it is unique per plan",
                "5:priority:must be between 1 and 999",
                "6:label:is required", "6:priority:'x' is not a whole number"), CsvRows.described(errors));
    }
}
