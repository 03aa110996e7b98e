package dev.planbridge.planning.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an uploaded CSV file: enforces the size limit (413), decodes strict UTF-8 (a byte that is not UTF-8 is
 * reported with its line, and so is a NUL character, which no database text can hold), drops a BOM, accepts CRLF
 * or LF and RFC 4180 quoting, checks the header against the expected columns, and refuses ragged rows. Rows are
 * numbered as a spreadsheet shows them (header = row 1).
 */
public final class CsvUpload {

    /** One data row; cells are looked up by column name through the header's index (no map per row). */
    public record Row(long number, Map<String, Integer> columns, String[] cells) {
        /** The trimmed cell, or null when empty or the column is absent. */
        public String get(String column) {
            Integer index = columns.get(column);
            if (index == null) {
                return null;
            }
            String value = cells[index];
            if (value == null || value.isEmpty()) {
                return null;
            }
            if (value.charAt(0) > ' ' && value.charAt(value.length() - 1) > ' ') {
                return value;
            }
            value = value.trim();
            return value.isEmpty() ? null : value;
        }
    }

    /**
     * RFC 4180 (comma, double quotes, a doubled quote inside quotes), any line ending; every row read as its cells,
     * the header included, so this class checks header and row lengths itself. Empty lines are skipped.
     */
    private static final ObjectReader ROWS = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .disable(CsvParser.Feature.ALLOW_TRAILING_COMMA)
            .build()
            .readerFor(String[].class)
            .with(CsvSchema.emptySchema());

    /**
     * Receives the rows of a file one at a time, as they are parsed. It may fail only with SQLException, so a
     * database failure is never mistaken for a malformed file (IOExceptions here mean bad CSV).
     */
    @FunctionalInterface
    public interface RowHandler {
        void row(Row row) throws java.sql.SQLException;
    }

    private CsvUpload() {
    }

    public static byte[] readLimited(InputStream in, long maxBytes) {
        try {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new Problem(413, "Payload too large", "The upload exceeds the limit of " + maxBytes + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw Problem.badRequest("Could not read the upload: " + e.getMessage());
        }
    }

    /**
     * Parses the whole file into memory (for the small kinds: territories, rules, people, quotas).
     *
     * @param required columns that must be present
     * @param optional columns that may be present
     */
    public static List<Row> parse(String file, byte[] data, Set<String> required, Set<String> optional) {
        List<Row> rows = new ArrayList<>();
        try {
            stream(file, data, required, optional, rows::add);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /**
     * Parses the file and hands each good row to {@code handler} as it is read, so a 100k-row import can write
     * rows on while the rest is still being parsed. A bad header throws before the first row; ragged rows are
     * skipped and thrown (up to 100, as one 400) after the last row, so nothing built from the rows may be kept.
     *
     * @return the number of rows handed over
     */
    public static long stream(String file, byte[] data, Set<String> required, Set<String> optional, RowHandler handler)
            throws java.sql.SQLException {
        String text = decode(file, data);
        int begin = text.startsWith("\uFEFF") ? 1 : 0;
        long rows = 0;
        long record = 0;
        try (MappingIterator<String[]> parser = ROWS.readValues(new CharSequenceReader(text, begin))) {
            Map<String, Integer> columns = null;
            List<FieldError> errors = new ArrayList<>();
            while (parser.hasNextValue()) {
                String[] cells = parser.nextValue();
                record++;
                if (columns == null) {
                    columns = checkHeader(file, cells, required, optional);
                    continue;
                }
                if (cells.length != columns.size()) {
                    errors.add(new FieldError(file, record, null, "row has " + cells.length
                            + " cells but the header has " + columns.size()));
                    if (errors.size() >= 100) {
                        break;
                    }
                    continue;
                }
                handler.row(new Row(record, columns, cells));
                rows++;
            }
            if (columns == null) {
                throw Problem.badRequest("The file " + file + " is empty",
                        List.of(new FieldError(file, 1L, null, "no header row")));
            }
            if (!errors.isEmpty()) {
                throw Problem.badRequest("The file " + file + " has ragged rows", errors);
            }
        } catch (IOException e) {
            throw Problem.badRequest("The file " + file + " is not valid CSV",
                    List.of(new FieldError(file, record + 1, null, parseFailure(e))));
        }
        return rows;
    }

    /** The parser's reason and where in the text it stopped, without Jackson's internals (source, reference chain). */
    private static String parseFailure(IOException e) {
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return json.getOriginalMessage() + " (line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr() + ")";
        }
        return e.getMessage();
    }

    /** A reader over a decoded file that does not copy it into a second string. */
    private static final class CharSequenceReader extends java.io.Reader {
        private final String text;
        private int position;

        CharSequenceReader(String text, int position) {
            this.text = text;
            this.position = position;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position >= text.length()) {
                return -1;
            }
            int n = Math.min(length, text.length() - position);
            text.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** The column index of each known column (canonical spelling), or a 400 naming every bad header cell. */
    private static Map<String, Integer> checkHeader(String file, String[] record, Set<String> required,
                                                    Set<String> optional) {
        Map<String, String> known = new HashMap<>();
        required.forEach(c -> known.put(c.toLowerCase(Locale.ROOT), c));
        optional.forEach(c -> known.put(c.toLowerCase(Locale.ROOT), c));
        List<String> header = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (String raw : record) {
            String name = raw.trim();
            String canonical = known.get(name.toLowerCase(Locale.ROOT));
            if (canonical == null) {
                errors.add(new FieldError(file, 1L, name, "unknown column; expected some of " + String.join(", ",
                        new java.util.TreeSet<>(known.values()))));
            } else if (header.contains(canonical)) {
                errors.add(new FieldError(file, 1L, name, "column appears twice"));
            }
            header.add(canonical == null ? name : canonical);
        }
        for (String column : required) {
            if (!header.contains(column)) {
                errors.add(new FieldError(file, 1L, column, "required column is missing"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.badRequest("The header of " + file + " is wrong", errors);
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static String decode(String file, byte[] data) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            long line = 1;
            for (int i = 0; i < offset; i++) {
                if (data[i] == '\n') {
                    line++;
                }
            }
            throw Problem.badRequest("The file " + file + " is not UTF-8 text", List.of(new FieldError(file, line, null,
                    "byte 0x" + String.format("%02X", data[offset]) + " at offset " + offset
                            + " is not UTF-8; save the file as UTF-8 (a mixed or legacy encoding was used)")));
        }
        try {
            decoder.flush(out);
        } catch (RuntimeException ignored) {
            // flush of UTF-8 never fails
        }
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            long line = text.substring(0, nul).chars().filter(ch -> ch == '\n').count() + 1;
            throw Problem.badRequest("The file " + file + " is not CSV text", List.of(new FieldError(file, line, null,
                    "a NUL character (0x00) at character " + nul + "; text cells cannot hold it (a binary file, "
                            + "or text saved as UTF-16?) — save the file as UTF-8 CSV")));
        }
        return text;
    }
}
