package dev.planbridge.cli;

import java.util.List;

/** RFC 4180 CSV for {@code --csv} output of reports the services only serve as JSON. */
final class Csv {

    private Csv() {
    }

    static String render(List<String> header, List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quote(cells.get(i) == null ? "" : String.valueOf(cells.get(i))));
        }
        out.append("\r\n");
    }

    static String quote(String cell) {
        // A leading = + - @ would be a formula in a spreadsheet; the services apply the same guard to their CSV.
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?[0-9.,]+") ? "'" + cell : cell;
        boolean needsQuotes = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return needsQuotes ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
