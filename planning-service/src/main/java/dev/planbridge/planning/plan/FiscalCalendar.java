package dev.planbridge.planning.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A standard fiscal year of twelve calendar months starting on the first day of {@code yearStart}'s month.
 * Quarters are three months from the year start.
 */
public record FiscalCalendar(LocalDate yearStart) {

    public FiscalCalendar {
        if (yearStart == null) {
            throw new IllegalArgumentException("fiscal year start is required");
        }
        if (yearStart.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("a fiscal year starts on the first day of a month, not " + yearStart);
        }
    }

    public static FiscalCalendar of(int fiscalYearStartYear, int startMonth) {
        if (startMonth < 1 || startMonth > 12) {
            throw new IllegalArgumentException("start month must be 1..12, not " + startMonth);
        }
        return new FiscalCalendar(LocalDate.of(fiscalYearStartYear, startMonth, 1));
    }

    public int startMonth() {
        return yearStart.getMonthValue();
    }

    /** First day after the fiscal year. */
    public LocalDate endExclusive() {
        return yearStart.plusYears(1);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(yearStart) && date.isBefore(endExclusive());
    }

    public List<LocalDate> periodStarts(PeriodType type) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = yearStart; d.isBefore(endExclusive()); d = d.plusMonths(type.months())) {
            starts.add(d);
        }
        return starts;
    }

    public List<LocalDate> months() {
        return periodStarts(PeriodType.Month);
    }

    public List<LocalDate> quarters() {
        return periodStarts(PeriodType.Quarter);
    }

    /** 0-based index of the month in the fiscal year; may be outside 0..11 for dates in other years. */
    public long monthIndex(LocalDate date) {
        return ChronoUnit.MONTHS.between(yearStart, date.withDayOfMonth(1));
    }

    /** 0-based fiscal quarter of a date, counted from this year's first quarter (negative before it). */
    public long quarterIndex(LocalDate date) {
        return Math.floorDiv(monthIndex(date), 3);
    }

    /** Why a period cannot be used in this plan, or null when it is a valid period of the fiscal year. */
    public String periodProblem(LocalDate periodStart, PeriodType type) {
        if (periodStart == null) {
            return "period start is required";
        }
        if (!contains(periodStart)) {
            return "period " + periodStart + " is outside the fiscal year " + yearStart + " .. "
                    + endExclusive().minusDays(1);
        }
        if (!periodStarts(type).contains(periodStart)) {
            return periodStart + " is not the first day of a fiscal " + type.name().toLowerCase();
        }
        return null;
    }
}
