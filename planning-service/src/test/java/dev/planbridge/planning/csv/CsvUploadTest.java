package dev.planbridge.planning.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The upload reader: quoting, line endings, BOM, row numbers, and every malformed file refused with its row. */
class CsvUploadTest {

    static final Set<String> REQUIRED = Set.of("accountId", "territoryKey");
    static final Set<String> OPTIONAL = Set.of("reason");

    static List<CsvUpload.Row> parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<CsvUpload.Row> parse(byte[] data) {
        return CsvUpload.parse("f.csv", data, REQUIRED, OPTIONAL);
    }

    static List<FieldError> refusal(String text) {
        return refusal(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<FieldError> refusal(byte[] data) {
        Problem problem = assertThrows(Problem.class, () -> parse(data));
        assertEquals(400, problem.status());
        return problem.errors();
    }

    @Test
    void shouldReadQuotingLineEndingsAndBomWithSpreadsheetRowNumbers() {
        List<CsvUpload.Row> rows = parse("\uFEFFAccountId, territoryKey ,reason\r\n"
                + "001A,T1,\"moved, because \"\"big\"\"\"\r\n"
                + "\r\n"
                + "001B,  T2 ,\"two\nlines\"\n"
                + "001C,T3,\n");
        assertEquals(List.of(2L, 3L, 4L), rows.stream().map(CsvUpload.Row::number).toList());
        assertEquals("001A", rows.get(0).get("accountId"));
        assertEquals("moved, because \"big\"", rows.get(0).get("reason"));
        assertEquals("T2", rows.get(1).get("territoryKey"));
        assertEquals("two\nlines", rows.get(1).get("reason"));
        assertNull(rows.get(2).get("reason"));
        assertNull(rows.get(2).get("unknownColumn"));
    }

    @Test
    void shouldNameRaggedRowsAndATrailingComma() {
        List<FieldError> errors = refusal("accountId,territoryKey\n001A,T1\n001B\n001C,T3,\n001D,T4\n");
        assertEquals(List.of(3L, 4L), errors.stream().map(FieldError::row).toList());
        assertEquals("row has 1 cells but the header has 2", errors.get(0).reason());
        assertEquals("row has 3 cells but the header has 2", errors.get(1).reason());
    }

    @Test
    void shouldRefuseAnUnclosedQuoteWithTheRowItStartsOn() {
        List<FieldError> errors = refusal("accountId,territoryKey\n001A,T1\n001B,\"T2\n001C,T3\n");
        assertEquals(1, errors.size());
        assertEquals(3L, errors.get(0).row());
        assertEquals("Missing closing quote for value (line 5, column 1)", errors.get(0).reason());

        FieldError afterQuote = refusal("accountId,territoryKey\n001A,\"T1\"x\n").get(0);
        assertEquals(2L, afterQuote.row());
        assertTrue(afterQuote.reason().startsWith("Unexpected character ('x'"), afterQuote.reason());
        assertTrue(afterQuote.reason().endsWith("(line 2, column 11)"), afterQuote.reason());
    }

    @Test
    void shouldRefuseWrongHeadersEmptyFilesNulAndNonUtf8() {
        assertEquals(Set.of("colour", "territoryKey"),
                Set.copyOf(refusal("accountId,colour\n1,2\n").stream().map(FieldError::field).toList()));
        assertEquals(List.of("column appears twice"),
                refusal("accountId,territoryKey,accountid\n1,2,3\n").stream().map(FieldError::reason).toList());
        assertEquals(List.of("no header row"), refusal("\n\n").stream().map(FieldError::reason).toList());

        FieldError nul = refusal("accountId,territoryKey\n001A,T\u00001\n").get(0);
        assertEquals(2L, nul.row());
        assertTrue(nul.reason().contains("NUL character"), nul.reason());

        FieldError latin1 = refusal("accountId,territoryKey\n001A,Zürich\n".getBytes(StandardCharsets.ISO_8859_1)).get(0);
        assertEquals(2L, latin1.row());
        assertTrue(latin1.reason().contains("is not UTF-8"), latin1.reason());
    }
}
