package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void shouldAlignTextLeftAndNumbersRight() {
        String table = new TextTable(List.of("Territory", "Accounts", "Potential"))
                .row(List.of("EMEA_North", 12, "1,200,000"))
                .row(Arrays.asList("AMER", 1234, null))
                .render();
        assertEquals("""
                Territory   Accounts  Potential
                ----------  --------  ---------
                EMEA_North        12  1,200,000
                AMER            1234
                """, table);
    }

    @Test
    void shouldRejectRowsOfTheWrongWidth() {
        TextTable table = new TextTable(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> table.row(List.of("only one")));
    }
}
