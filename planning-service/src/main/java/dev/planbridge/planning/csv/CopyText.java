package dev.planbridge.planning.csv;

import java.io.Reader;
import java.io.StringReader;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), built straight
 * from the parsed cells so the import needs no second CSV printer pass.
 */
final class CopyText {

    private final StringBuilder text;

    CopyText(int expectedRows) {
        text = new StringBuilder(Math.max(16, expectedRows) * 48);
    }

    /** Appends one row: its number, then the cells (null becomes SQL NULL). */
    CopyText row(long number, String... cells) {
        text.append(number);
        for (String cell : cells) {
            text.append('\t');
            append(cell);
        }
        text.append('\n');
        return this;
    }

    Reader reader() {
        return new StringReader(text.toString());
    }

    private void append(String cell) {
        if (cell == null) {
            text.append("\\N");
            return;
        }
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(ch);
            }
        }
    }
}
