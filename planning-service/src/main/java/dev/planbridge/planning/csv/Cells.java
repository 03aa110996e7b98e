package dev.planbridge.planning.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Typed reads of one row's cells. A missing required cell or a cell that is not of its type is recorded in the
 * file's {@link RowErrors} with row and column, and read as null, so one pass names every bad cell of a file.
 */
public final class Cells {

    private Cells() {
    }

    public static String required(CsvUpload.Row row, String column, RowErrors errors) {
        String value = row.get(column);
        if (value == null) {
            errors.add(row.number(), column, "is required");
        }
        return value;
    }

    public static Integer integer(CsvUpload.Row row, String column, RowErrors errors, boolean required) {
        String value = required ? required(row, column, errors) : row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(row.number(), column, "'" + value + "' is not a whole number");
            return null;
        }
    }

    public static BigDecimal decimal(CsvUpload.Row row, String column, RowErrors errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            errors.add(row.number(), column, "'" + value + "' is not a number");
            return null;
        }
    }

    public static LocalDate date(CsvUpload.Row row, String column, RowErrors errors, boolean required) {
        String value = required ? required(row, column, errors) : row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(row.number(), column, "'" + value + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    /** A ';'-separated list cell, its items trimmed and empty ones dropped; null when the cell is empty. */
    public static List<String> list(CsvUpload.Row row, String column) {
        String cell = row.get(column);
        if (cell == null) {
            return null;
        }
        return Arrays.stream(cell.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
