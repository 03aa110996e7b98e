package dev.planbridge.planning.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellsTest {

    private static CsvUpload.Row row(String header, String cells) {
        String[] columns = header.split(",");
        return CsvUpload.parse("f.csv", (header + "\n" + cells + "\n").getBytes(StandardCharsets.UTF_8),
                Set.of(), Set.of(columns)).get(0);
    }

    @Test
    void shouldReadTypedCellsAndNameEveryBadOneWithRowAndColumn() {
        CsvUpload.Row row = row("n,amount,day,empty", "x7, 12.50 ,2026-13-01,");
        RowErrors errors = new RowErrors("f.csv", 10);

        assertNull(Cells.integer(row, "n", errors, true));
        assertEquals(new BigDecimal("12.50"), Cells.decimal(row, "amount", errors));
        assertNull(Cells.date(row, "day", errors, false));
        assertNull(Cells.required(row, "empty", errors));
        assertNull(Cells.integer(row, "empty", errors, false), "an optional empty cell is no error");

        assertEquals(List.of("2:n:'x7' is not a whole number", "2:day:'2026-13-01' is not a date (YYYY-MM-DD)",
                "2:empty:is required"), CsvRows.described(errors));
    }

    @Test
    void shouldReadGoodCells() {
        CsvUpload.Row row = row("n,day,list", "42,2026-02-01, DE ; FR ;;");
        RowErrors errors = new RowErrors("f.csv", 10);

        assertEquals(42, Cells.integer(row, "n", errors, true));
        assertEquals(LocalDate.of(2026, 2, 1), Cells.date(row, "day", errors, true));
        assertEquals(List.of("DE", "FR"), Cells.list(row, "list"));
        assertNull(Cells.list(row, "missing"));
        assertEquals(List.of(), errors.listed());
    }
}
