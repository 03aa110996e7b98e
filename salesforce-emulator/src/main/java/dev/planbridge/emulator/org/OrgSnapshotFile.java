package dev.planbridge.emulator.org;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The org as a file: a stable, versioned JSON document (format {@value #FORMAT}, version {@value #FORMAT_VERSION}) with
 * every record (live and in the recycle bin), the id sequences, the user passwords and the change-log position, so an
 * emulator can stop and start again where it was, and an org can be moved between emulators.
 *
 * <p>Layout: objects in schema order, each with its field names once and its records as value arrays in that order
 * (creation order), so the same org always gives the same bytes and files diff well. Values are JSON strings,
 * numbers, booleans or null; dates are {@code yyyy-MM-dd}, datetimes ISO-8601 UTC instants. A file name ending in
 * {@code .gz} is gzip-compressed. Reading validates everything (format, org id, objects, fields, value types, id
 * prefixes, duplicate ids) and fails with a message naming the object, record and field.
 *
 * <pre>{@code
 * OrgSnapshotFile.save(emulator.org(), Path.of("org.json.gz"));
 * OrgSnapshotFile.load(otherEmulator.org(), Path.of("org.json.gz"));
 * }</pre>
 */
public final class OrgSnapshotFile {

    public static final String FORMAT = "planbridge-salesforce-emulator-org";
    public static final int FORMAT_VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** A bad snapshot document. */
    public static final class InvalidSnapshotException extends IllegalArgumentException {
        InvalidSnapshotException(String message) {
            super(message);
        }
    }

    /** What a snapshot file holds, decoded; turned into the org's state by {@link Org#importSnapshot}. */
    record Contents(String orgId, String adminUserId, long nextChangeSequence, Instant lastSystemModstamp,
                    Map<String, Long> idSequences, Map<String, String> passwords,
                    Map<String, LinkedHashMap<String, Org.Row>> rows) {
    }

    private OrgSnapshotFile() {
    }

    // ------------------------------------------------------------------ files

    /** Writes the org to the file atomically (temp file + rename); gzip when the name ends with .gz. */
    public static void save(Org org, Path file) {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        try {
            if (directory != null) {
                Files.createDirectories(directory);
            }
            Path temp = Files.createTempFile(directory, absolute.getFileName().toString(), ".tmp");
            try {
                try (OutputStream out = open(Files.newOutputStream(temp), absolute)) {
                    org.exportSnapshot(out);
                }
                try {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the org snapshot file " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the org with the file's content; InvalidSnapshotException when the file is not a valid snapshot. */
    public static void load(Org org, Path file) {
        Path absolute = file.toAbsolutePath();
        try (InputStream in = Files.newInputStream(absolute)) {
            InputStream source = new BufferedInputStream(in, 1 << 16);
            org.importSnapshot(absolute.toString().endsWith(".gz") ? new GZIPInputStream(source, 1 << 16) : source);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no org snapshot file at " + absolute, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the org snapshot file " + absolute + ": " + e.getMessage(), e);
        } catch (InvalidSnapshotException e) {
            throw new InvalidSnapshotException(absolute + ": " + e.getMessage());
        }
    }

    private static OutputStream open(OutputStream raw, Path name) throws IOException {
        OutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
        return name.toString().endsWith(".gz") ? new GZIPOutputStream(buffered, 1 << 16) : buffered;
    }

    // ------------------------------------------------------------------ writing

    static void write(OrgSchema schema, String orgId, Org.State state, Instant lastSystemModstamp, OutputStream out)
            throws IOException {
        JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeNumberField("formatVersion", FORMAT_VERSION);
        json.writeStringField("orgId", orgId);
        json.writeStringField("adminUserId", state.adminUserId);
        json.writeNumberField("nextChangeSequence", state.nextSequence);
        json.writeStringField("lastSystemModstamp", lastSystemModstamp.toString());
        json.writeObjectFieldStart("idSequences");
        for (Map.Entry<String, Long> entry : new TreeMap<>(state.idSequences).entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("passwords");
        for (Map.Entry<String, String> entry : new TreeMap<>(state.passwordsByUserId).entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("objects");
        for (ObjectDef object : schema.objects()) {
            json.writeStartObject();
            json.writeStringField("name", object.name());
            json.writeArrayFieldStart("fields");
            for (FieldDef field : object.fields()) {
                json.writeString(field.name());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("records");
            for (Org.Row row : state.rows.getOrDefault(object.name(), new LinkedHashMap<>()).values()) {
                json.writeStartObject();
                if (row.deletedAt() != null) {
                    json.writeStringField("deletedAt", row.deletedAt().toString());
                }
                if (row.deletedWith() != null) {
                    json.writeStringField("deletedWith", row.deletedWith());
                }
                if (row.parentClearedBy() != null) {
                    json.writeStringField("parentClearedBy", row.parentClearedBy());
                }
                json.writeArrayFieldStart("values");
                Object[] values = row.values();
                for (int i = 0; i < values.length; i++) {
                    writeValue(json, object.fieldAt(i), values[i]);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    private static void writeValue(JsonGenerator json, FieldDef field, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer n) {
            json.writeNumber(n);
        } else if (value instanceof BigDecimal n) {
            json.writeNumber(n);
        } else {
            // String, LocalDate (ISO date) and Instant (ISO instant) all round-trip through toString/parse.
            json.writeString(value.toString());
        }
    }

    // ------------------------------------------------------------------ reading

    static Contents read(OrgSchema schema, InputStream in) throws IOException {
        try (JsonParser json = JSON.createParser(in)) {
            json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return new Reader(schema, json).document();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidSnapshotException("not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
    }

    private static final class Reader {
        private final OrgSchema schema;
        private final JsonParser json;

        Reader(OrgSchema schema, JsonParser json) {
            this.schema = schema;
            this.json = json;
        }

        Contents document() throws IOException {
            expect(json.nextToken(), JsonToken.START_OBJECT, "the document");
            String format = null;
            Integer version = null;
            String orgId = null;
            String adminUserId = null;
            Long nextChangeSequence = null;
            Instant lastModstamp = null;
            Map<String, Long> idSequences = null;
            Map<String, String> passwords = null;
            Map<String, LinkedHashMap<String, Org.Row>> rows = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken token = json.nextToken();
                switch (name) {
                    case "format" -> format = text(token, "format");
                    case "formatVersion" -> version = (int) number(token, "formatVersion");
                    case "orgId" -> orgId = text(token, "orgId");
                    case "adminUserId" -> adminUserId = text(token, "adminUserId");
                    case "nextChangeSequence" -> nextChangeSequence = number(token, "nextChangeSequence");
                    case "lastSystemModstamp" -> lastModstamp = instant(text(token, "lastSystemModstamp"),
                            "lastSystemModstamp");
                    case "idSequences" -> idSequences = longMap(token);
                    case "passwords" -> passwords = stringMap(token, "passwords");
                    case "objects" -> rows = objects(token);
                    default -> throw invalid("unknown top-level field '" + name + "'");
                }
            }
            if (!FORMAT.equals(format)) {
                throw invalid("not an emulator org snapshot (\"format\" must be \"" + FORMAT + "\", got "
                        + (format == null ? "none" : "\"" + format + "\"") + ")");
            }
            if (version == null || version != FORMAT_VERSION) {
                throw invalid("unsupported formatVersion " + version + " (this emulator reads version "
                        + FORMAT_VERSION + ")");
            }
            require(orgId, "orgId");
            require(adminUserId, "adminUserId");
            require(nextChangeSequence, "nextChangeSequence");
            require(lastModstamp, "lastSystemModstamp");
            require(idSequences, "idSequences");
            require(passwords, "passwords");
            require(rows, "objects");
            return new Contents(orgId, adminUserId, nextChangeSequence, lastModstamp, idSequences, passwords, rows);
        }

        private Map<String, LinkedHashMap<String, Org.Row>> objects(JsonToken token) throws IOException {
            expect(token, JsonToken.START_ARRAY, "objects");
            Map<String, LinkedHashMap<String, Org.Row>> rows = new LinkedHashMap<>();
            Set<String> ids = new HashSet<>();
            while (json.nextToken() != JsonToken.END_ARRAY) {
                expect(json.currentToken(), JsonToken.START_OBJECT, "an entry of objects");
                ObjectDef object = null;
                int[] columns = null;
                LinkedHashMap<String, Org.Row> table = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    JsonToken value = json.nextToken();
                    switch (name) {
                        case "name" -> {
                            String objectName = text(value, "objects[].name");
                            object = schema.objectDef(objectName);
                            if (object == null) {
                                throw invalid("unknown object '" + objectName + "'");
                            }
                            if (rows.containsKey(object.name())) {
                                throw invalid("object " + object.name() + " appears twice");
                            }
                        }
                        case "fields" -> {
                            if (object == null) {
                                throw invalid("\"name\" must come before \"fields\" in an entry of objects");
                            }
                            columns = columns(object, value);
                        }
                        case "records" -> {
                            if (object == null || columns == null) {
                                throw invalid("\"name\" and \"fields\" must come before \"records\"");
                            }
                            table = records(object, columns, value, ids);
                        }
                        default -> throw invalid("unknown field '" + name + "' in an entry of objects");
                    }
                }
                if (object == null) {
                    throw invalid("an entry of objects has no name");
                }
                rows.put(object.name(), table == null ? new LinkedHashMap<>() : table);
            }
            return rows;
        }

        /** Maps file columns to the schema's field positions; every column must be a known field. */
        private int[] columns(ObjectDef object, JsonToken token) throws IOException {
            expect(token, JsonToken.START_ARRAY, object.name() + ".fields");
            List<Integer> positions = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            while (json.nextToken() != JsonToken.END_ARRAY) {
                String field = text(json.currentToken(), object.name() + ".fields[]");
                FieldDef def = object.fieldDef(field);
                if (def == null) {
                    throw invalid("unknown field " + object.name() + "." + field);
                }
                if (!seen.add(object.indexOf(def.name()))) {
                    throw invalid("field " + object.name() + "." + def.name() + " listed twice");
                }
                positions.add(object.indexOf(def.name()));
            }
            if (!seen.contains(object.indexOf("Id"))) {
                throw invalid(object.name() + ".fields must include Id");
            }
            return positions.stream().mapToInt(Integer::intValue).toArray();
        }

        private LinkedHashMap<String, Org.Row> records(ObjectDef object, int[] columns, JsonToken token,
                                                       Set<String> ids) throws IOException {
            expect(token, JsonToken.START_ARRAY, object.name() + ".records");
            LinkedHashMap<String, Org.Row> table = new LinkedHashMap<>();
            int number = 0;
            while (json.nextToken() != JsonToken.END_ARRAY) {
                number++;
                String where = object.name() + " record " + number;
                expect(json.currentToken(), JsonToken.START_OBJECT, where);
                Instant deletedAt = null;
                String deletedWith = null;
                String parentClearedBy = null;
                Object[] values = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    JsonToken value = json.nextToken();
                    switch (name) {
                        case "deletedAt" -> deletedAt = instant(text(value, where + " deletedAt"), where + " deletedAt");
                        case "deletedWith" -> deletedWith = id(text(value, where + " deletedWith"), where + " deletedWith");
                        case "parentClearedBy" -> parentClearedBy = id(text(value, where + " parentClearedBy"),
                                where + " parentClearedBy");
                        case "values" -> values = values(object, columns, value, where);
                        default -> throw invalid("unknown field '" + name + "' in " + where);
                    }
                }
                if (values == null) {
                    throw invalid(where + " has no values");
                }
                String id = (String) values[object.indexOf("Id")];
                if (id == null || !object.keyPrefix().equals(SalesforceIds.prefix(id))) {
                    throw invalid(where + ": Id " + id + " is not a " + object.name() + " id (prefix "
                            + object.keyPrefix() + ")");
                }
                if (!ids.add(id)) {
                    throw invalid(where + ": duplicate Id " + id);
                }
                if (Boolean.TRUE.equals(values[object.indexOf("IsDeleted")]) != (deletedAt != null)) {
                    throw invalid(where + " (" + id + "): IsDeleted must be true exactly when deletedAt is set");
                }
                table.put(id, new Org.Row(values, deletedAt, deletedWith, parentClearedBy));
            }
            return table;
        }

        private Object[] values(ObjectDef object, int[] columns, JsonToken token, String where) throws IOException {
            expect(token, JsonToken.START_ARRAY, where + " values");
            Object[] values = new Object[object.fieldCount()];
            int column = 0;
            while (json.nextToken() != JsonToken.END_ARRAY) {
                if (column >= columns.length) {
                    throw invalid(where + " has more values than " + object.name() + ".fields");
                }
                FieldDef field = object.fieldAt(columns[column]);
                values[columns[column]] = value(field, json.currentToken(), where + ", field " + field.name());
                column++;
            }
            if (column != columns.length) {
                throw invalid(where + " has " + column + " values for " + columns.length + " fields");
            }
            return values;
        }

        private Object value(FieldDef field, JsonToken token, String where) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            return switch (field.type()) {
                case BOOLEAN -> {
                    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                        throw invalid(where + ": expected true or false, got " + json.getText());
                    }
                    yield token == JsonToken.VALUE_TRUE;
                }
                case INTEGER -> {
                    if (token != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT) {
                        throw invalid(where + ": expected an integer, got " + json.getText());
                    }
                    yield json.getIntValue();
                }
                case DOUBLE, CURRENCY, PERCENT -> {
                    if (!token.isNumeric()) {
                        throw invalid(where + ": expected a number, got " + json.getText());
                    }
                    yield json.getDecimalValue();
                }
                case DATE -> {
                    String text = text(token, where);
                    try {
                        yield LocalDate.parse(text);
                    } catch (DateTimeParseException e) {
                        throw invalid(where + ": expected a date like 2026-01-31, got " + text);
                    }
                }
                case DATETIME -> instant(text(token, where), where);
                case ID, REFERENCE -> id(text(token, where), where);
                default -> {
                    String text = text(token, where);
                    if (field.length() > 0 && text.length() > field.length()) {
                        throw invalid(where + ": longer than " + field.length() + " characters");
                    }
                    yield text;
                }
            };
        }

        private String id(String text, String where) {
            String id = SalesforceIds.normalize(text);
            if (id == null || id.length() != 18 || !id.equals(text)) {
                throw invalid(where + ": not an 18-character Salesforce id: " + text);
            }
            return id;
        }

        private Map<String, Long> longMap(JsonToken token) throws IOException {
            expect(token, JsonToken.START_OBJECT, "idSequences");
            Map<String, Long> map = new LinkedHashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                if (schema.objectForId(key) == null) {
                    throw invalid("idSequences: unknown key prefix '" + key + "'");
                }
                long value = number(json.nextToken(), "idSequences." + key);
                if (value < 0) {
                    throw invalid("idSequences." + key + " must not be negative");
                }
                map.put(key, value);
            }
            return map;
        }

        private Map<String, String> stringMap(JsonToken token, String where) throws IOException {
            expect(token, JsonToken.START_OBJECT, where);
            Map<String, String> map = new LinkedHashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = id(json.currentName(), where + " key");
                map.put(key, text(json.nextToken(), where + "." + key));
            }
            return map;
        }

        private String text(JsonToken token, String where) throws IOException {
            if (token != JsonToken.VALUE_STRING) {
                throw invalid(where + ": expected a string, got " + describe(token));
            }
            return json.getText();
        }

        private long number(JsonToken token, String where) throws IOException {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw invalid(where + ": expected an integer, got " + describe(token));
            }
            return json.getLongValue();
        }

        private Instant instant(String text, String where) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(where + ": expected an ISO-8601 instant like 2026-01-31T12:00:00Z, got " + text);
            }
        }

        private void expect(JsonToken actual, JsonToken expected, String where) throws IOException {
            if (actual != expected) {
                throw invalid(where + ": expected " + describe(expected) + ", got " + describe(actual));
            }
        }

        private String describe(JsonToken token) throws IOException {
            if (token == null) {
                return "the end of the document";
            }
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "the string \"" + json.getText() + "\"";
                default -> token.isScalarValue() ? json.getText() : token.name();
            };
        }

        private InvalidSnapshotException invalid(String message) {
            return new InvalidSnapshotException(message + " (line " + json.currentLocation().getLineNr() + ")");
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new InvalidSnapshotException("missing top-level field '" + name + "'");
            }
        }
    }
}
