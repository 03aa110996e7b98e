package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.csv.CsvRows;
import dev.planbridge.planning.csv.RowErrors;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserAssignmentCsvTest {

    private static final UserAssignmentCsv KIND = new UserAssignmentCsv(null);
    private static final LocalDate YEAR_START = LocalDate.of(2026, 2, 1);
    private static final Set<String> TERRITORIES = Set.of("T1", "T2");
    private static final Set<String> USERS = Set.of("005A", "005B");
    private static final String HEADER = "territoryKey,userId,role,startDate,endDate,splitPercent\n";

    @Test
    void shouldStageEachPeriod() {
        RowErrors errors = new RowErrors("u.csv", 100);

        List<Object[]> rows = UserAssignmentCsv.check(CsvRows.of(KIND, HEADER + "T1,005A,Owner,2026-02-01,,\n"
                + "T1,005B,Overlay,2026-02-01,2026-06-30,50\n"), YEAR_START, TERRITORIES, USERS, List.of(), errors);

        assertArrayEquals(new Object[] {"T1", "005A", "Owner", YEAR_START, null, null}, rows.get(0));
        assertArrayEquals(new Object[] {"T1", "005B", "Overlay", YEAR_START, LocalDate.of(2026, 6, 30),
                new BigDecimal("50")}, rows.get(1));
    }

    @Test
    void shouldNameEveryBadCellOfARow() {
        RowErrors errors = new RowErrors("u.csv", 100);

        assertThrows(Problem.class, () -> UserAssignmentCsv.check(CsvRows.of(KIND, HEADER
                + "T9,005Z,Boss,2026-03-01,2026-01-31,0\n"
                + "T1,005A,Owner,2026-02-01,,\nT1,005A,Owner,2026-02-01,,\n"),
                YEAR_START, TERRITORIES, USERS, List.of(), errors));

        assertEquals(List.of("2:territoryKey:unknown territory 'T9'",
                "2:userId:user 005Z is not an active record of the CRM mirror",
                "2:role:must be Owner, Overlay or Manager, not 'Boss'", "2:splitPercent:must be above 0 and at most 100",
                "2:endDate:ends before it starts", "2:endDate:the assignment ends before the fiscal year starts",
                "4:userId:duplicate of row 3"), CsvRows.described(errors));
    }

    @Test
    void shouldRefuseASecondOwnerAgainstThePlansExistingOwner() {
        RowErrors errors = new RowErrors("u.csv", 100);
        var existing = List.of(new OwnerOverlap.Period("T2", "005A", "Owner", YEAR_START, null));

        assertThrows(Problem.class, () -> UserAssignmentCsv.check(CsvRows.of(KIND, HEADER
                + "T2,005B,Owner,2026-05-01,,\n"), YEAR_START, TERRITORIES, USERS, existing, errors));

        assertEquals(List.of("0:role:territory T2 would have two Owners at once: 005A (from 2026-02-01, open-ended)"
                + " and 005B (from 2026-05-01)"), CsvRows.described(errors));
    }

    @Test
    void shouldLetARowReplaceTheExistingPeriodWithTheSameStart() {
        RowErrors errors = new RowErrors("u.csv", 100);
        var existing = List.of(new OwnerOverlap.Period("T2", "005A", "Owner", YEAR_START, null),
                new OwnerOverlap.Period("T2", "005B", "Owner", LocalDate.of(2026, 8, 1), null));

        UserAssignmentCsv.check(CsvRows.of(KIND, HEADER + "T2,005A,Owner,2026-02-01,2026-07-31,\n"),
                YEAR_START, TERRITORIES, USERS, existing, errors);

        assertEquals(List.of(), errors.listed(), "ending 005A's open period before 005B starts removes the overlap");
    }
}
