package dev.planbridge.salesforce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one SOQL builder of the suite. Values become escaped literals ({@link SoqlLiteral}), names are checked against
 * the identifier grammar, and long IN-lists are cut into several statements under a length limit, so no configured or
 * user-supplied text can change a statement's shape and no statement grows past what the org accepts.
 */
public final class Soql {

    /** Salesforce rejects SOQL statements longer than 100,000 characters. */
    public static final int MAX_QUERY_LENGTH = 100_000;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** A field or a relationship path to one ({@code Owner.Name}, {@code Parent.Owner.Name}). */
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Soql() {
    }

    /** A quoted string literal with SOQL's escape sequences; null as {@code null}. */
    public static String quote(String value) {
        return SoqlLiteral.quote(value);
    }

    /** A date literal (dates are not quoted in SOQL). */
    public static String date(LocalDate value) {
        return value.toString();
    }

    /** A datetime literal (unquoted, UTC, milliseconds). */
    public static String dateTime(Instant instant) {
        return DATETIME.format(instant);
    }

    /** An object or field name, refused unless it is a plain Salesforce identifier. */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid Salesforce name: '" + name + "'");
        }
        return name;
    }

    /** A field or relationship path ({@code Owner.Name}), refused unless every part is an identifier. */
    public static String field(String path) {
        if (path == null || !FIELD_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("Not a valid field name: '" + path + "'");
        }
        return path;
    }

    /** {@code a, b, c}: at least one field, each checked. */
    public static String fieldList(List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("A query needs at least one field");
        }
        fields.forEach(Soql::field);
        return String.join(", ", fields);
    }

    /** {@code SELECT fields FROM object}, checked. */
    public static String select(String object, List<String> fields) {
        return "SELECT " + fieldList(fields) + " FROM " + identifier(object);
    }

    /** Records changed at or after {@code from}, in SystemModstamp then Id order. */
    public static String changedSince(String object, List<String> fields, Instant from) {
        return select(object, fields) + " WHERE SystemModstamp >= " + dateTime(from)
                + " ORDER BY SystemModstamp ASC, Id ASC";
    }

    /** Every record of the object, in Id order. */
    public static String all(String object, List<String> fields) {
        return select(object, fields) + " ORDER BY Id ASC";
    }

    /** {@code SELECT fields FROM object WHERE field = 'value'}. */
    public static String whereEquals(String object, List<String> fields, String field, String value) {
        return select(object, fields) + " WHERE " + field(field) + " = " + quote(value);
    }

    /** {@code ('a','b')}: distinct values, quoted. */
    public static String in(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An IN-list needs at least one value");
        }
        return new LinkedHashSet<>(values).stream().map(Soql::quote).collect(Collectors.joining(",", "(", ")"));
    }

    /**
     * {@code SELECT fields FROM object WHERE field IN (...)}, as many statements as it takes for every value to appear
     * once, each of at most {@code maxValues} values and {@link #MAX_QUERY_LENGTH} characters.
     */
    public static List<String> whereIn(String object, List<String> fields, String field, Collection<String> values,
            int maxValues) {
        return inQueries(select(object, fields) + " WHERE", field, values, null, MAX_QUERY_LENGTH, maxValues);
    }

    /** {@link #inQueries(String, String, Collection, String, int, int)} with no limit on the number of values. */
    public static List<String> inQueries(String prefix, String field, Collection<String> values, String suffix,
            int maxLength) {
        return inQueries(prefix, field, values, suffix, maxLength, Integer.MAX_VALUE);
    }

    /**
     * Queries {@code prefix + " " + field + " IN (...)" + suffix}, as many as needed for every value to appear once
     * while each stays within {@code maxLength} characters and {@code maxValues} values. {@code prefix} and
     * {@code suffix} must be built from constants, checked names and {@link #quote}d values. No values, no queries.
     *
     * @throws IllegalArgumentException when the field is not a field name, a limit is not positive, or one value
     *                                  alone cannot fit in a query
     */
    public static List<String> inQueries(String prefix, String field, Collection<String> values, String suffix,
            int maxLength, int maxValues) {
        if (maxValues < 1) {
            throw new IllegalArgumentException("An IN-list needs room for at least one value, got " + maxValues);
        }
        String head = prefix + " " + field(field) + " IN (";
        String tail = ")" + (suffix == null ? "" : suffix);
        int budget = maxLength - head.length() - tail.length();
        List<String> queries = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        int count = 0;
        for (String value : new LinkedHashSet<>(values)) {
            String literal = quote(value);
            if (literal.length() > budget) {
                throw new IllegalArgumentException("A value of " + literal.length()
                        + " characters cannot fit in a query of " + maxLength + " characters");
            }
            if (count > 0 && (list.length() + 1 + literal.length() > budget || count == maxValues)) {
                queries.add(head + list + tail);
                list.setLength(0);
                count = 0;
            }
            if (count > 0) {
                list.append(',');
            }
            list.append(literal);
            count++;
        }
        if (count > 0) {
            queries.add(head + list + tail);
        }
        return queries;
    }

    /** A Salesforce Id: 15 or 18 letters and digits. Used to reject junk before it reaches a query. */
    public static boolean isId(String value) {
        return value != null && (value.length() == 15 || value.length() == 18)
                && value.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c));
    }
}
