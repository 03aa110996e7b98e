package dev.planbridge.planning.quota;

import dev.planbridge.planning.plan.FiscalCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A new hire's ramp: the share of the full target they carry in their first quarters, e.g. "25/50/75/100".
 * Quarters are counted from the fiscal quarter the ramp starts in; before it the share is 0, after the listed
 * quarters it is 100 %.
 */
public record RampProfile(List<BigDecimal> percents) {

    public RampProfile {
        if (percents.isEmpty()) {
            throw new IllegalArgumentException("a ramp profile needs at least one percentage");
        }
        for (BigDecimal p : percents) {
            if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("ramp percentages must be between 0 and 100, not " + p);
            }
        }
        percents = List.copyOf(percents);
    }

    public static RampProfile parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("ramp profile is empty");
        }
        List<BigDecimal> values = new ArrayList<>();
        for (String part : text.split("/")) {
            try {
                values.add(new BigDecimal(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ramp profile '" + text + "' must look like 25/50/75/100");
            }
        }
        return new RampProfile(values);
    }

    /** Percentage of the full target carried in the period starting {@code periodStart}. */
    public BigDecimal percentFor(FiscalCalendar calendar, LocalDate rampStart, LocalDate periodStart) {
        long quarter = calendar.quarterIndex(periodStart) - calendar.quarterIndex(rampStart);
        if (quarter < 0) {
            return BigDecimal.ZERO;
        }
        if (quarter >= percents.size()) {
            return BigDecimal.valueOf(100);
        }
        return percents.get((int) quarter);
    }

    public BigDecimal apply(BigDecimal fullTarget, FiscalCalendar calendar, LocalDate rampStart, LocalDate periodStart) {
        if (fullTarget == null) {
            return null;
        }
        return fullTarget.multiply(percentFor(calendar, rampStart, periodStart))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
}
