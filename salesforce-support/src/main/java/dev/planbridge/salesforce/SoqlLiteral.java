package dev.planbridge.salesforce;

/**
 * The one place that turns a value into a quoted SOQL string literal, so every service escapes user input the same way
 * and a fix here reaches all of them.
 */
public final class SoqlLiteral {

    private SoqlLiteral() {
    }

    /** A quoted SOQL string literal: backslash, quotes and control characters escaped as SOQL defines; null as {@code null}. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
