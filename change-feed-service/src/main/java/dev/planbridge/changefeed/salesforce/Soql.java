package dev.planbridge.changefeed.salesforce;

import dev.planbridge.salesforce.SoqlLiteral;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the few SOQL statements the feed sends. Values are always escaped literals and names are checked against
 * the identifier grammar, so no configured or user-supplied text can change a statement's shape.
 */
public final class Soql {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?");
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Soql() {
    }

    /** A quoted SOQL string literal: backslash, quotes and control characters escaped as SOQL defines. */
    public static String literal(String value) {
        return SoqlLiteral.quote(value);
    }

    /** A SOQL datetime literal (unquoted, UTC, milliseconds). */
    public static String literal(Instant instant) {
        return DATETIME.format(instant);
    }

    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid Salesforce name: '" + name + "'");
        }
        return name;
    }

    public static String fieldList(List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("A query needs at least one field");
        }
        for (String field : fields) {
            if (field == null || !FIELD_PATH.matcher(field).matches()) {
                throw new IllegalArgumentException("Not a valid field name: '" + field + "'");
            }
        }
        return String.join(", ", fields);
    }

    /** Records changed at or after {@code from}, in SystemModstamp then Id order. */
    public static String changedSince(String object, List<String> fields, Instant from) {
        return "SELECT " + fieldList(fields) + " FROM " + identifier(object)
                + " WHERE SystemModstamp >= " + literal(from) + " ORDER BY SystemModstamp ASC, Id ASC";
    }

    /** Every record of the object, in Id order. */
    public static String all(String object, List<String> fields) {
        return "SELECT " + fieldList(fields) + " FROM " + identifier(object) + " ORDER BY Id ASC";
    }

    /** {@code SELECT fields FROM object WHERE field IN ('a', 'b')}. */
    public static String whereIn(String object, List<String> fields, String field, Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN needs at least one value");
        }
        return "SELECT " + fieldList(fields) + " FROM " + identifier(object) + " WHERE " + identifier(field)
                + " IN (" + values.stream().map(Soql::literal).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code SELECT fields FROM object WHERE field = 'value'}. */
    public static String whereEquals(String object, List<String> fields, String field, String value) {
        return "SELECT " + fieldList(fields) + " FROM " + identifier(object) + " WHERE " + identifier(field) + " = "
                + literal(value);
    }
}
