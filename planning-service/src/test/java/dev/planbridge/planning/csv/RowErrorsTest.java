package dev.planbridge.planning.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.common.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowErrorsTest {

    @Test
    void shouldListUpToTheCapAndCountTheRest() {
        RowErrors errors = new RowErrors("o.csv", 2);
        errors.add(5, "accountId", "a");
        assertFalse(errors.full());
        errors.add(3, "territoryKey", "b");
        errors.add(9, "reason", "c");
        errors.addUnlisted(7);

        assertTrue(errors.full());
        Problem problem = assertThrows(Problem.class, errors::throwIfAny);
        assertEquals(400, problem.status());
        assertEquals("o.csv has 10 invalid cell(s); nothing was imported (showing the first 2 of 10)", problem.getMessage());
        assertEquals(List.of("o.csv"), problem.errors().stream().map(e -> e.file()).distinct().toList());
        assertEquals(List.of(5L, 3L), problem.errors().stream().map(e -> e.row()).toList());
    }

    @Test
    void shouldSortCellAndReferenceErrorsIntoRowOrder() {
        RowErrors errors = new RowErrors("o.csv", 10);
        errors.add(4, "reason", "is required");
        errors.add(2, "accountId", "not in the baseline");
        errors.add(0, "role", "two Owners at once");

        errors.sortByRow();

        assertEquals(List.of("0:role:two Owners at once", "2:accountId:not in the baseline", "4:reason:is required"),
                CsvRows.described(errors));
    }

    @Test
    void shouldLetACleanFileThrough() {
        new RowErrors("o.csv", 10).throwIfAny();
    }
}
