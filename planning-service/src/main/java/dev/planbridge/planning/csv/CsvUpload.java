package dev.planbridge.planning.csv;

import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded CSV file: enforces the size limit (413), decodes strict UTF-8 (a byte that is not UTF-8 is
 * reported with its line), drops a BOM, accepts CRLF or LF and RFC 4180 quoting, checks the header against the
 * expected columns, and refuses ragged rows. Rows are numbered as a spreadsheet shows them (header = row 1).
 */
public final class CsvUpload {

    public record Row(long number, Map<String, String> cells) {
        /** The trimmed cell, or null when empty or the column is absent. */
        public String get(String column) {
            String value = cells.get(column);
            if (value == null) {
                return null;
            }
            value = value.trim();
            return value.isEmpty() ? null : value;
        }
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
     * @param required columns that must be present
     * @param optional columns that may be present
     */
    public static List<Row> parse(String file, byte[] data, Set<String> required, Set<String> optional) {
        String text = decode(file, data);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = null;
            List<FieldError> errors = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (header == null) {
                    header = checkHeader(file, record, required, optional);
                    continue;
                }
                if (record.size() != header.size()) {
                    errors.add(new FieldError(file, record.getRecordNumber(), null, "row has " + record.size()
                            + " cells but the header has " + header.size()));
                    if (errors.size() >= 100) {
                        break;
                    }
                    continue;
                }
                Map<String, String> cells = new HashMap<>(header.size() * 2);
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), record.get(i));
                }
                rows.add(new Row(record.getRecordNumber(), cells));
            }
            if (header == null) {
                throw Problem.badRequest("The file " + file + " is empty",
                        List.of(new FieldError(file, 1L, null, "no header row")));
            }
            if (!errors.isEmpty()) {
                throw Problem.badRequest("The file " + file + " has ragged rows", errors);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw Problem.badRequest("The file " + file + " is not valid CSV",
                    List.of(new FieldError(file, null, null, e.getMessage())));
        }
        return rows;
    }

    private static List<String> checkHeader(String file, CSVRecord record, Set<String> required, Set<String> optional) {
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
        return header;
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
        return out.toString();
    }

    static void ignore(CharacterCodingException e) {
    }
}
