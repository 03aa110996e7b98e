package dev.planbridge.changefeed.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlTest {

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharactersInLiterals() {
        assertEquals("'O\\'Brien'", Soql.literal("O'Brien"));
        assertEquals("'a\\\\b'", Soql.literal("a\\b"));
        assertEquals("'say \\\"hi\\\"'", Soql.literal("say \"hi\""));
        assertEquals("'l1\\nl2\\r\\t'", Soql.literal("l1\nl2\r\t"));
        assertEquals("null", Soql.literal((String) null));
    }

    @Test
    void shouldKeepAnInjectionAttemptInsideTheLiteral() {
        String soql = Soql.whereEquals("User", List.of("Id"), "Username", "x' OR Username != '");
        assertEquals("SELECT Id FROM User WHERE Username = 'x\\' OR Username != \\''", soql);
        // a trailing backslash cannot swallow the closing quote
        assertEquals("'x\\\\'", Soql.literal("x\\"));
    }

    @Test
    void shouldRejectNamesThatAreNotIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> Soql.all("Account WHERE Name != null", List.of("Id")));
        assertThrows(IllegalArgumentException.class, () -> Soql.all("Account", List.of("Id, (SELECT Id FROM Contacts)")));
        assertThrows(IllegalArgumentException.class, () -> Soql.all("Account", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Soql.whereIn("User", List.of("Id"), "Id", List.of()));
    }

    @Test
    void shouldQueryChangesByWatermarkInModstampThenIdOrder() {
        assertEquals("SELECT Id, SystemModstamp, Owner.Name FROM Account WHERE SystemModstamp >= "
                        + "2026-11-29T06:05:00.120Z ORDER BY SystemModstamp ASC, Id ASC",
                Soql.changedSince("Account", List.of("Id", "SystemModstamp", "Owner.Name"),
                        Instant.parse("2026-11-29T06:05:00.12Z")));
        assertEquals("SELECT Id, Name FROM User WHERE Id IN ('005A', '005\\'B')",
                Soql.whereIn("User", List.of("Id", "Name"), "Id", List.of("005A", "005'B")));
    }
}
