package dev.planbridge.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one SOQL builder: names checked, values escaped, IN-lists cut under the limits. */
class SoqlTest {

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharactersInLiterals() {
        assertEquals("'O\\'Brien'", Soql.quote("O'Brien"));
        assertEquals("'a\\\\b'", Soql.quote("a\\b"));
        assertEquals("'say \\\"hi\\\"'", Soql.quote("say \"hi\""));
        assertEquals("'l1\\nl2\\r\\t'", Soql.quote("l1\nl2\r\t"));
        assertEquals("null", Soql.quote(null));
    }

    @Test
    void shouldKeepAnInjectionAttemptInsideTheLiteral() {
        assertEquals("SELECT Id FROM User WHERE Username = 'x\\' OR Username != \\''",
                Soql.whereEquals("User", List.of("Id"), "Username", "x' OR Username != '"));
        // a trailing backslash cannot swallow the closing quote
        assertEquals("'x\\\\'", Soql.quote("x\\"));
        String literal = Soql.quote("\\' OR Name != '");
        String inner = literal.substring(1, literal.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            if (inner.charAt(i) == '\'') {
                int backslashes = 0;
                for (int j = i - 1; j >= 0 && inner.charAt(j) == '\\'; j--) {
                    backslashes++;
                }
                assertTrue(backslashes % 2 == 1, "every quote inside the literal is escaped: " + literal);
            }
        }
    }

    @Test
    void shouldRefuseNamesThatAreNotIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> Soql.all("Account WHERE Name != null", List.of("Id")));
        assertThrows(IllegalArgumentException.class, () -> Soql.all("Account", List.of("Id, (SELECT Id FROM Contacts)")));
        assertThrows(IllegalArgumentException.class, () -> Soql.all("Account", List.of()));
        assertThrows(IllegalArgumentException.class, () -> Soql.identifier("Owner.Name"));
        assertThrows(IllegalArgumentException.class, () -> Soql.identifier("1Account"));
        assertThrows(IllegalArgumentException.class, () -> Soql.identifier(null));
        assertThrows(IllegalArgumentException.class, () -> Soql.field("Owner..Name"));
        IllegalArgumentException inField = assertThrows(IllegalArgumentException.class,
                () -> Soql.inQueries("SELECT Id FROM User WHERE", "Id) OR (Id", List.of("005A"), null, 1000));
        assertTrue(inField.getMessage().contains("Id) OR (Id"), inField.getMessage());
        assertEquals("Parent.Owner.Name", Soql.field("Parent.Owner.Name"));
    }

    @Test
    void shouldQueryChangesByWatermarkInModstampThenIdOrder() {
        assertEquals("SELECT Id, SystemModstamp, Owner.Name FROM Account WHERE SystemModstamp >= "
                        + "2026-11-29T06:05:00.120Z ORDER BY SystemModstamp ASC, Id ASC",
                Soql.changedSince("Account", List.of("Id", "SystemModstamp", "Owner.Name"),
                        Instant.parse("2026-11-29T06:05:00.12Z")));
        assertEquals("SELECT Id FROM Account ORDER BY Id ASC", Soql.all("Account", List.of("Id")));
    }

    @Test
    void shouldRenderDatesUnquotedAndDistinctInListsQuoted() {
        assertEquals("2027-01-01", Soql.date(LocalDate.of(2027, 1, 1)));
        assertEquals("('005A','005\\'B')", Soql.in(List.of("005A", "005'B", "005A")));
        assertThrows(IllegalArgumentException.class, () -> Soql.in(List.of()));
    }

    @Test
    void shouldSplitInListsUnderTheLengthLimitWithEveryValueOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ids.add(String.format("001%015d", i));
        }
        List<String> queries = Soql.inQueries("SELECT Id, OwnerId FROM Account WHERE", "Id", ids,
                " AND IsDeleted = false", 10_000);
        Set<String> seen = new HashSet<>();
        for (String query : queries) {
            assertTrue(query.length() <= 10_000, "query of " + query.length());
            assertTrue(query.startsWith("SELECT Id, OwnerId FROM Account WHERE Id IN ('"));
            assertTrue(query.endsWith("') AND IsDeleted = false"));
            String list = query.substring(query.indexOf('(') + 1, query.lastIndexOf(')'));
            for (String literal : list.split(",")) {
                assertTrue(seen.add(literal.substring(1, literal.length() - 1)), "each value once: " + literal);
            }
        }
        assertEquals(new HashSet<>(ids), seen);
        // 21 characters per value: ~470 values per 10,000-character query.
        assertEquals(11, queries.size());
    }

    @Test
    void shouldSplitInListsByValueCountToo() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            ids.add(String.format("005%015d", i));
        }
        List<String> queries = Soql.whereIn("User", List.of("Id", "Name"), "Id", ids, 200);

        assertEquals(3, queries.size());
        assertEquals(200, queries.get(0).split("','").length);
        assertEquals(200, queries.get(1).split("','").length);
        assertEquals(50, queries.get(2).split("','").length);
        assertTrue(queries.get(0).startsWith("SELECT Id, Name FROM User WHERE Id IN ('005"), queries.get(0));
        assertThrows(IllegalArgumentException.class,
                () -> Soql.whereIn("User", List.of("Id"), "Id", ids, 0));
    }

    @Test
    void shouldMakeNoQueryForNoValuesAndRefuseAValueThatCannotFit() {
        assertTrue(Soql.inQueries("SELECT Id FROM User WHERE", "Id", List.of(), null, 1000).isEmpty());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> Soql.inQueries("SELECT Id FROM User WHERE", "Name", List.of("x".repeat(2000)), null, 1000));
        assertTrue(tooLong.getMessage().contains("cannot fit"), tooLong.getMessage());
    }

    @Test
    void shouldRecogniseSalesforceIds() {
        assertTrue(Soql.isId("001000000000001AAA"));
        assertTrue(Soql.isId("001000000000001"));
        assertFalse(Soql.isId("001' OR 'x'='x"));
        assertFalse(Soql.isId("00100000000000é"));
        assertFalse(Soql.isId(null));
    }
}
