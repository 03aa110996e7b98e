package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BooleanFilterTest {

    @Test
    void shouldEvaluateParenthesesNotAndBothJoiners() {
        BooleanFilter.Node filter = BooleanFilter.parse("(1 AND 2) OR NOT 3", 3);

        assertTrue(filter.test(new boolean[] {true, true, true}));
        assertTrue(filter.test(new boolean[] {false, false, false}));
        assertFalse(filter.test(new boolean[] {true, false, true}));
    }

    @Test
    void shouldAcceptLowerCaseKeywordsAndTightParentheses() {
        BooleanFilter.Node filter = BooleanFilter.parse("1 and(2 or 3)", 3);

        assertTrue(filter.test(new boolean[] {true, false, true}));
        assertFalse(filter.test(new boolean[] {false, true, true}));
    }

    @Test
    void shouldRefuseMalformedFiltersWithTheReason() {
        assertEquals("mixes AND and OR without parentheses; write e.g. (1 AND 2) OR 3", message("1 AND 2 OR 3", 3));
        assertEquals("item 4 does not exist (the rule has 3 items)", message("1 AND 2 AND 4", 3));
        assertEquals("item 3 is not used by the filter", message("1 OR 2", 3));
        assertEquals("a '(' is not closed", message("(1 AND 2", 2));
        assertEquals("unexpected ')'", message("1 AND 2)", 2));
        assertEquals("'X' is not an item number, AND, OR, NOT or a parenthesis", message("1 AND X", 1));
        assertEquals("ends where an item number or '(' is expected", message("1 AND", 1));
        assertEquals("the filter is empty", message("  ", 1));
        assertEquals("items are numbered from 1", message("0 OR 1", 1));
    }

    private static String message(String filter, int items) {
        return assertThrows(IllegalArgumentException.class, () -> BooleanFilter.parse(filter, items)).getMessage();
    }
}
