package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SoqlTest {

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("'O\\'Brien'", Soql.quote("O'Brien"));
        assertEquals("'a\\\\b'", Soql.quote("a\\b"));
        assertEquals("'x\\'); DELETE'", Soql.quote("x'); DELETE"));
        assertEquals("'l1\\nl2\\r\\t\\\"q\\\"'", Soql.quote("l1\nl2\r\t\"q\""));
        assertEquals("null", Soql.quote(null));
    }

    @Test
    void shouldNotLetAnEscapedValueCloseTheLiteral() {
        String literal = Soql.quote("\\' OR Name != '");
        // Inside the literal every quote is preceded by an odd number of backslashes.
        String inner = literal.substring(1, literal.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            if (inner.charAt(i) == '\'') {
                int backslashes = 0;
                for (int j = i - 1; j >= 0 && inner.charAt(j) == '\\'; j--) {
                    backslashes++;
                }
                assertTrue(backslashes % 2 == 1, literal);
            }
        }
    }

    @Test
    void shouldRenderDatesUnquoted() {
        assertEquals("2027-01-01", Soql.date(LocalDate.of(2027, 1, 1)));
    }

    @Test
    void shouldSplitInListsUnderTheLengthLimitWithEveryValueOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ids.add(String.format("001%015d", i));
        }
        List<String> queries = Soql.inQueries("SELECT Id, OwnerId FROM Account WHERE", "Id", ids, " AND IsDeleted = false", 10_000);
        assertTrue(queries.size() > 1);
        Set<String> seen = new HashSet<>();
        for (String query : queries) {
            assertTrue(query.length() <= 10_000, "query of " + query.length());
            assertTrue(query.startsWith("SELECT Id, OwnerId FROM Account WHERE Id IN ('"));
            assertTrue(query.endsWith("') AND IsDeleted = false"));
            String list = query.substring(query.indexOf('(') + 1, query.lastIndexOf(')'));
            for (String literal : list.split(",")) {
                assertTrue(seen.add(literal.substring(1, literal.length() - 1)));
            }
        }
        assertEquals(new HashSet<>(ids), seen);
        // 21 characters per value: ~470 values per 10,000-character query.
        assertEquals(11, queries.size());
    }

    @Test
    void shouldMakeNoQueryForNoValuesAndRejectValuesThatCannotFit() {
        assertTrue(Soql.inQueries("SELECT Id FROM User WHERE", "Id", List.of(), null, 1000).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> Soql.inQueries("SELECT Id FROM User WHERE", "Name", List.of("x".repeat(2000)), null, 1000));
        assertThrows(IllegalArgumentException.class, () -> Soql.in(List.of()));
    }

    @Test
    void shouldRecogniseSalesforceIds() {
        assertTrue(Soql.isId("001000000000001AAA"));
        assertTrue(Soql.isId("001000000000001"));
        assertFalse(Soql.isId("001' OR 'x'='x"));
        assertFalse(Soql.isId(null));
    }
}
