package dev.planbridge.sync.domain;

import dev.planbridge.salesforce.SoqlLiteral;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * The one place SOQL literals are made. Every value put into a query goes through {@link #quote} (strings),
 * {@link #date} or {@link #in}; nothing is pasted. {@link #inQueries} cuts long IN-lists into several queries
 * that each stay under the statement length limit.
 */
public final class Soql {

    /** Salesforce rejects SOQL statements longer than 100,000 characters. */
    public static final int MAX_QUERY_LENGTH = 100_000;

    private Soql() {
    }

    /** A quoted string literal with SOQL's escape sequences. */
    public static String quote(String value) {
        return SoqlLiteral.quote(value);
    }

    /** A date literal (dates are not quoted in SOQL). */
    public static String date(LocalDate value) {
        return value.toString();
    }

    /** {@code ('a','b')}: distinct values, quoted. */
    public static String in(Collection<String> values) {
        return inOf(values, Soql::quote);
    }

    private static <T> String inOf(Collection<T> values, Function<T, String> literal) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An IN-list needs at least one value");
        }
        StringBuilder out = new StringBuilder("(");
        for (T value : new LinkedHashSet<>(values)) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(literal.apply(value));
        }
        return out.append(')').toString();
    }

    /**
     * Queries {@code prefix + " " + field + " IN (...)" + suffix}, as many as needed for every value to appear
     * once while each query stays within {@code maxLength} characters. {@code prefix} and {@code suffix} must be
     * built from constants and {@link #quote}d values. No values, no queries.
     */
    public static List<String> inQueries(String prefix, String field, Collection<String> values, String suffix, int maxLength) {
        String head = prefix + " " + field + " IN (";
        String tail = ")" + (suffix == null ? "" : suffix);
        int budget = maxLength - head.length() - tail.length();
        List<String> queries = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (String value : new LinkedHashSet<>(values)) {
            String literal = quote(value);
            if (literal.length() > budget) {
                throw new IllegalArgumentException("A value of " + literal.length() + " characters cannot fit in a query of "
                        + maxLength + " characters");
            }
            int needed = literal.length() + (list.length() == 0 ? 0 : 1);
            if (list.length() + needed > budget) {
                queries.add(head + list + tail);
                list.setLength(0);
                needed = literal.length();
            }
            if (list.length() > 0) {
                list.append(',');
            }
            list.append(literal);
        }
        if (list.length() > 0) {
            queries.add(head + list + tail);
        }
        return queries;
    }

    /** A Salesforce Id: 15 or 18 letters and digits. Used to reject junk before it reaches a query. */
    public static boolean isId(String value) {
        return value != null && (value.length() == 15 || value.length() == 18) && value.chars().allMatch(Character::isLetterOrDigit);
    }
}
