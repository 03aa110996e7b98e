package dev.planbridge.emulator.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV as Bulk API 2.0 reads and writes it: one of the six documented column delimiters, LF or CRLF line endings,
 * fields quoted with double quotes when they contain the delimiter, a quote or a line break (quotes doubled).
 */
public final class BulkCsv {

    /** The documented columnDelimiter values. */
    public static final Map<String, Character> DELIMITERS = Map.of("BACKQUOTE", '`', "CARET", '^', "COMMA", ',',
            "PIPE", '|', "SEMICOLON", ';', "TAB", '\t');
    /** The documented lineEnding values. */
    public static final Map<String, String> LINE_ENDINGS = Map.of("LF", "\n", "CRLF", "\r\n");

    private final char delimiter;
    private final String lineEnding;

    public BulkCsv(String columnDelimiter, String lineEnding) {
        Character character = DELIMITERS.get(columnDelimiter.toUpperCase(Locale.ROOT));
        String ending = LINE_ENDINGS.get(lineEnding.toUpperCase(Locale.ROOT));
        if (character == null || ending == null) {
            throw new IllegalArgumentException("unknown delimiter or line ending: " + columnDelimiter + "/" + lineEnding);
        }
        this.delimiter = character;
        this.lineEnding = ending;
    }

    /**
     * Parses the rows; a record ends with the job's line ending only (a bare LF inside a CRLF file is part of a
     * value, as is any line break inside quotes). Throws {@link CsvException} with the 1-based row on bad quoting.
     */
    public List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < length && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0 || fieldWasQuoted) {
                    throw new CsvException("a quote inside an unquoted field in row " + (rows.size() + 1));
                }
                quoted = true;
                fieldWasQuoted = true;
                i++;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                i++;
            } else if (text.startsWith(lineEnding, i)) {
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                fieldWasQuoted = false;
                i += lineEnding.length();
            } else {
                if (fieldWasQuoted) {
                    throw new CsvException("characters after a closing quote in row " + (rows.size() + 1));
                }
                field.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new CsvException("an unterminated quoted field in row " + (rows.size() + 1));
        }
        if (field.length() > 0 || fieldWasQuoted || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Appends one row, quoting where needed. */
    public void writeRow(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            String value = values.get(i) == null ? "" : values.get(i);
            boolean quote = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0;
            if (quote) {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                out.append(value);
            }
        }
        out.append(lineEnding);
    }

    /** Malformed CSV. */
    public static final class CsvException extends RuntimeException {
        CsvException(String message) {
            super(message);
        }
    }
}
