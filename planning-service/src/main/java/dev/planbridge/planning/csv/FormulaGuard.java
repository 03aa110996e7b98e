package dev.planbridge.planning.csv;

/**
 * Neutralises spreadsheet formula injection in exported cells (OWASP "CSV injection"): a cell starting with
 * {@code = + - @}, tab or carriage return gets a leading apostrophe so spreadsheets show it as text.
 * Plain numbers such as {@code -12.5} stay numbers.
 */
public final class FormulaGuard {

    private FormulaGuard() {
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.isEmpty() || value instanceof Number) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            if ((first == '-' || first == '+') && text.matches("[+-]?\\d+(\\.\\d+)?")) {
                return text;
            }
            return "'" + text;
        }
        return text;
    }
}
