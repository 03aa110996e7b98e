package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.planbridge.planning.csv.CsvRows;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExclusionCsvTest {

    private static final ExclusionCsv KIND = new ExclusionCsv();

    @Test
    void shouldLoadAFirstFileStraightUntilAPairRepeatsOrACellIsEmpty() {
        List<CsvUpload.Row> rows = CsvRows.of(KIND, "accountId,territoryKey,reason\n001A,T1,\n001A,T2,moved\n"
                + "001A,T1,again\n,T3,\n");
        var pairs = new ExclusionCsv.Pairs(16);

        assertArrayEquals(new String[] {"001A", "T1", null}, pairs.straight(rows.get(0)), "the reason is optional");
        assertArrayEquals(new String[] {"001A", "T2", "moved"}, pairs.straight(rows.get(1)), "another territory");
        assertNull(pairs.straight(rows.get(2)));
        assertNull(pairs.straight(rows.get(3)));
    }

    @Test
    void shouldStageEveryRowNamingAMissingAccountOrTerritory() {
        RowErrors errors = new RowErrors("e.csv", 100);
        List<CsvUpload.Row> rows = CsvRows.of(KIND, "accountId,territoryKey\n001A,\n,T1\n");

        assertArrayEquals(new String[] {"001A", null, null}, ExclusionCsv.staged(rows.get(0), errors));
        assertArrayEquals(new String[] {null, "T1", null}, ExclusionCsv.staged(rows.get(1), errors));

        assertEquals(List.of("2:territoryKey:is required", "3:accountId:is required"), CsvRows.described(errors));
    }
}
