package dev.planbridge.emulator.soql;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * SOQL's relative date literals (TODAY, LAST_N_DAYS:n, THIS_MONTH, ...). Each denotes a half-open range of days
 * [start, end) computed from "today" in UTC; a DATETIME field is compared against the range's UTC midnights.
 * Weeks start on Sunday (the en_US locale); fiscal literals use the calendar year (Salesforce's default fiscal year).
 */
final class DateLiterals {

    private static final Set<String> FIXED = Set.of("YESTERDAY", "TODAY", "TOMORROW", "LAST_WEEK", "THIS_WEEK",
            "NEXT_WEEK", "LAST_MONTH", "THIS_MONTH", "NEXT_MONTH", "LAST_90_DAYS", "NEXT_90_DAYS", "THIS_QUARTER",
            "LAST_QUARTER", "NEXT_QUARTER", "THIS_YEAR", "LAST_YEAR", "NEXT_YEAR", "THIS_FISCAL_QUARTER",
            "LAST_FISCAL_QUARTER", "NEXT_FISCAL_QUARTER", "THIS_FISCAL_YEAR", "LAST_FISCAL_YEAR", "NEXT_FISCAL_YEAR");

    private static final Set<String> PARAMETERIZED = Set.of("LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO",
            "LAST_N_WEEKS", "NEXT_N_WEEKS", "N_WEEKS_AGO", "LAST_N_MONTHS", "NEXT_N_MONTHS", "N_MONTHS_AGO",
            "LAST_N_QUARTERS", "NEXT_N_QUARTERS", "N_QUARTERS_AGO", "LAST_N_YEARS", "NEXT_N_YEARS", "N_YEARS_AGO",
            "LAST_N_FISCAL_QUARTERS", "NEXT_N_FISCAL_QUARTERS", "N_FISCAL_QUARTERS_AGO", "LAST_N_FISCAL_YEARS",
            "NEXT_N_FISCAL_YEARS", "N_FISCAL_YEARS_AGO");

    private DateLiterals() {
    }

    static boolean isFixed(String upperName) {
        return FIXED.contains(upperName);
    }

    static boolean isParameterized(String upperName) {
        return PARAMETERIZED.contains(upperName);
    }

    /** A relative literal: upper-case name and, for the ":n" forms, n (0 otherwise). */
    record Relative(String name, int n) {
        @Override
        public String toString() {
            return isParameterized(name) ? name + ":" + n : name;
        }

        /** The range of days [start, end) this literal denotes when today is {@code today}. */
        DayRange range(LocalDate today) {
            LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            LocalDate month = today.withDayOfMonth(1);
            LocalDate quarter = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
            LocalDate year = today.withDayOfYear(1);
            String base = name.replace("_FISCAL", "");
            return switch (base) {
                case "YESTERDAY" -> days(today.minusDays(1), 1);
                case "TODAY" -> days(today, 1);
                case "TOMORROW" -> days(today.plusDays(1), 1);
                case "LAST_WEEK" -> days(week.minusWeeks(1), 7);
                case "THIS_WEEK" -> days(week, 7);
                case "NEXT_WEEK" -> days(week.plusWeeks(1), 7);
                case "LAST_MONTH" -> new DayRange(month.minusMonths(1), month);
                case "THIS_MONTH" -> new DayRange(month, month.plusMonths(1));
                case "NEXT_MONTH" -> new DayRange(month.plusMonths(1), month.plusMonths(2));
                // LAST_N_DAYS includes today, NEXT_N_DAYS starts tomorrow (as documented by Salesforce).
                case "LAST_90_DAYS" -> new DayRange(today.minusDays(90), today.plusDays(1));
                case "NEXT_90_DAYS" -> days(today.plusDays(1), 90);
                case "LAST_N_DAYS" -> new DayRange(today.minusDays(n), today.plusDays(1));
                case "NEXT_N_DAYS" -> days(today.plusDays(1), n);
                case "N_DAYS_AGO" -> days(today.minusDays(n), 1);
                case "LAST_N_WEEKS" -> new DayRange(week.minusWeeks(n), week);
                case "NEXT_N_WEEKS" -> new DayRange(week.plusWeeks(1), week.plusWeeks(1L + n));
                case "N_WEEKS_AGO" -> days(week.minusWeeks(n), 7);
                case "THIS_QUARTER" -> new DayRange(quarter, quarter.plusMonths(3));
                case "LAST_QUARTER" -> new DayRange(quarter.minusMonths(3), quarter);
                case "NEXT_QUARTER" -> new DayRange(quarter.plusMonths(3), quarter.plusMonths(6));
                case "LAST_N_MONTHS" -> new DayRange(month.minusMonths(n), month);
                case "NEXT_N_MONTHS" -> new DayRange(month.plusMonths(1), month.plusMonths(1L + n));
                case "N_MONTHS_AGO" -> new DayRange(month.minusMonths(n), month.minusMonths(n - 1L));
                case "LAST_N_QUARTERS" -> new DayRange(quarter.minusMonths(3L * n), quarter);
                case "NEXT_N_QUARTERS" -> new DayRange(quarter.plusMonths(3), quarter.plusMonths(3L + 3L * n));
                case "N_QUARTERS_AGO" -> new DayRange(quarter.minusMonths(3L * n), quarter.minusMonths(3L * n - 3));
                case "THIS_YEAR" -> new DayRange(year, year.plusYears(1));
                case "LAST_YEAR" -> new DayRange(year.minusYears(1), year);
                case "NEXT_YEAR" -> new DayRange(year.plusYears(1), year.plusYears(2));
                case "LAST_N_YEARS" -> new DayRange(year.minusYears(n), year);
                case "NEXT_N_YEARS" -> new DayRange(year.plusYears(1), year.plusYears(1L + n));
                case "N_YEARS_AGO" -> new DayRange(year.minusYears(n), year.minusYears(n - 1L));
                default -> throw new IllegalStateException("unknown date literal " + name);
            };
        }

        private static DayRange days(LocalDate start, long count) {
            return new DayRange(start, start.plusDays(count));
        }
    }

    /** Half-open range of days. */
    record DayRange(LocalDate start, LocalDate endExclusive) {}
}
