package dev.planbridge.sync.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One rendering of field values as strings, so that "100", "100.0" and "1E+2" compare equal. */
public final class Values {

    private Values() {
    }

    public static String decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** Normalises a decimal the CRM rendered as text; non-numbers are returned as they are. */
    public static String decimal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return decimal(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return text;
        }
    }

    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** Salesforce ids compare on their 15-character case-sensitive prefix. */
    public static boolean sameId(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.regionMatches(0, b, 0, 15) && Math.min(a.length(), 15) == Math.min(b.length(), 15);
    }
}
