package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.csv.CsvRows;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import dev.planbridge.planning.plan.PlanChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverrideCsvTest {

    private static final OverrideCsv KIND = new OverrideCsv();

    private static List<CsvUpload.Row> rows(String body) {
        return CsvRows.of(KIND, "accountId,territoryKey,reason\n" + body);
    }

    @Test
    void shouldSendCleanRowsOfAFirstFileStraightToTheTable() {
        var placements = new OverrideCsv.Placements(16);

        for (CsvUpload.Row row : rows("001A,T1,strategic\n001B,T2,partner\n")) {
            assertArrayEquals(new String[] {row.get("accountId"), row.get("territoryKey"), row.get("reason")},
                    placements.straight(row));
        }
        assertEquals(new PlanChanged.Placement("T2", "partner"), placements.byAccount.get("001B"));
    }

    @Test
    void shouldSendAFirstFileToTheStagedPathAtItsFirstEmptyCellOrRepeat() {
        List<CsvUpload.Row> rows = rows("001A,T1,x\n001B,T1,\n001A,T2,y\n");

        assertNull(new OverrideCsv.Placements(16).straight(rows.get(1)), "an empty reason");
        var placements = new OverrideCsv.Placements(16);
        placements.straight(rows.get(0));
        assertNull(placements.straight(rows.get(2)), "account 001A again");
    }

    @Test
    void shouldStageEveryRowNamingEmptyCellsAndNotingRepeats() {
        var placements = new OverrideCsv.Placements(16);
        RowErrors errors = new RowErrors("o.csv", 100);
        List<CsvUpload.Row> rows = rows("001A,T1,x\n,T1,y\n");

        assertArrayEquals(new String[] {"001A", "T1", "x"}, placements.staged(rows.get(0), errors));
        assertArrayEquals(new String[] {null, "T1", "y"}, placements.staged(rows.get(1), errors));
        assertFalse(placements.repeats);
        placements.staged(rows("001A,T2,z\n").get(0), errors);

        assertTrue(placements.repeats, "the stage's checks then name each repeat and its first row");
        assertEquals(List.of("3:accountId:is required"), CsvRows.described(errors));
        assertEquals(new PlanChanged.Placement("T2", "z"), placements.byAccount.get("001A"), "the last row wins");
    }
}
