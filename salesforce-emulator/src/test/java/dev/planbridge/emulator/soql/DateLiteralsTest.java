package dev.planbridge.emulator.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Ranges of relative date literals; today is Wednesday 2026-02-18. */
class DateLiteralsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 2, 18);

    private static String range(String name, int n) {
        DateLiterals.DayRange r = new DateLiterals.Relative(name, n).range(TODAY);
        return r.start() + ".." + r.endExclusive();
    }

    @Test
    void shouldComputeDayRanges() {
        assertEquals("2026-02-17..2026-02-18", range("YESTERDAY", 0));
        assertEquals("2026-02-18..2026-02-19", range("TODAY", 0));
        assertEquals("2026-02-19..2026-02-20", range("TOMORROW", 0));
        assertEquals("2026-02-11..2026-02-19", range("LAST_N_DAYS", 7));
        assertEquals("2026-02-19..2026-02-26", range("NEXT_N_DAYS", 7));
        assertEquals("2026-02-15..2026-02-16", range("N_DAYS_AGO", 3));
        assertEquals("2025-11-20..2026-02-19", range("LAST_90_DAYS", 0));
    }

    @Test
    void shouldStartWeeksOnSunday() {
        assertEquals("2026-02-15..2026-02-22", range("THIS_WEEK", 0));
        assertEquals("2026-02-08..2026-02-15", range("LAST_WEEK", 0));
        assertEquals("2026-02-22..2026-03-01", range("NEXT_WEEK", 0));
        assertEquals("2026-02-01..2026-02-15", range("LAST_N_WEEKS", 2));
    }

    @Test
    void shouldComputeMonthQuarterAndYearRanges() {
        assertEquals("2026-02-01..2026-03-01", range("THIS_MONTH", 0));
        assertEquals("2026-01-01..2026-02-01", range("LAST_MONTH", 0));
        assertEquals("2026-03-01..2026-04-01", range("NEXT_MONTH", 0));
        assertEquals("2025-11-01..2026-02-01", range("LAST_N_MONTHS", 3));
        assertEquals("2026-01-01..2026-04-01", range("THIS_QUARTER", 0));
        assertEquals("2025-10-01..2026-01-01", range("LAST_QUARTER", 0));
        assertEquals("2026-04-01..2026-10-01", range("NEXT_N_QUARTERS", 2));
        assertEquals("2026-01-01..2027-01-01", range("THIS_YEAR", 0));
        assertEquals("2026-01-01..2027-01-01", range("THIS_FISCAL_YEAR", 0));
        assertEquals("2024-01-01..2026-01-01", range("LAST_N_YEARS", 2));
        assertEquals("2024-01-01..2025-01-01", range("N_YEARS_AGO", 2));
    }
}
