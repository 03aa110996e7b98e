package dev.planbridge.planning.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.plan.FiscalCalendar;
import dev.planbridge.planning.plan.PeriodType;
import dev.planbridge.planning.territory.TerritoryHierarchy;
import dev.planbridge.planning.territory.TerritoryHierarchy.Node;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotaRulesTest {

    static final FiscalCalendar FY27 = FiscalCalendar.of(2026, 2);
    static final LocalDate Q1 = LocalDate.of(2026, 2, 1);
    static final LocalDate Q2 = LocalDate.of(2026, 5, 1);

    @Test
    void shouldRampNewHireQuarterByQuarterThenCarryFullTarget() {
        RampProfile ramp = RampProfile.parse("25/50/75/100");
        BigDecimal full = new BigDecimal("100000");
        LocalDate hired = LocalDate.of(2026, 5, 15);

        assertEquals(new BigDecimal("0.00"), ramp.apply(full, FY27, hired, Q1));
        assertEquals(new BigDecimal("25000.00"), ramp.apply(full, FY27, hired, Q2));
        assertEquals(new BigDecimal("50000.00"), ramp.apply(full, FY27, hired, LocalDate.of(2026, 8, 1)));
        assertEquals(new BigDecimal("25000.00"), ramp.apply(full, FY27, hired, LocalDate.of(2026, 7, 1)));
        assertEquals(new BigDecimal("100000.00"), ramp.apply(full, FY27, Q1, LocalDate.of(2026, 11, 1)));
    }

    @Test
    void shouldRejectMalformedRampProfiles() {
        assertThrows(IllegalArgumentException.class, () -> RampProfile.parse("25/fifty"));
        assertThrows(IllegalArgumentException.class, () -> RampProfile.parse("25/150"));
        assertThrows(IllegalArgumentException.class, () -> RampProfile.parse(""));
    }

    @Test
    void shouldKnowFiscalPeriods() {
        assertEquals(4, FY27.quarters().size());
        assertEquals(LocalDate.of(2026, 11, 1), FY27.quarters().get(3));
        assertEquals(null, FY27.periodProblem(Q2, PeriodType.Quarter));
        assertTrue(FY27.periodProblem(LocalDate.of(2027, 2, 1), PeriodType.Month).contains("outside the fiscal year"));
        assertTrue(FY27.periodProblem(LocalDate.of(2026, 3, 1), PeriodType.Quarter).contains("not the first day"));
        assertThrows(IllegalArgumentException.class, () -> new FiscalCalendar(LocalDate.of(2026, 2, 2)));
    }

    @Test
    void shouldWarnWhenChildrenCarryTooMuchOrTooLittle() {
        TerritoryHierarchy tree = TerritoryHierarchy.build(List.of(
                new Node("NA", null, "Geo"), new Node("WEST", "NA", "Geo"), new Node("EAST", "NA", "Geo"),
                new Node("EMEA", null, "Geo"), new Node("UK", "EMEA", "Geo"),
                new Node("APAC", null, "Geo"), new Node("JP", "APAC", "Geo")), Set.of("Geo")).hierarchy();
        List<QuotaRollup.Target> targets = List.of(
                new QuotaRollup.Target("NA", Q1, "Quarter", new BigDecimal("1000")),
                new QuotaRollup.Target("WEST", Q1, "Quarter", new BigDecimal("600")),
                new QuotaRollup.Target("EAST", Q1, "Quarter", new BigDecimal("500")),   // 110 %: allowed
                new QuotaRollup.Target("EMEA", Q1, "Quarter", new BigDecimal("1000")),
                new QuotaRollup.Target("UK", Q1, "Quarter", new BigDecimal("1200")),    // 120 %: over
                new QuotaRollup.Target("APAC", Q1, "Quarter", new BigDecimal("1000")),
                new QuotaRollup.Target("JP", Q1, "Quarter", new BigDecimal("900")));    // 90 %: under

        List<QuotaRollup.Warning> warnings = QuotaRollup.check(tree, targets, new BigDecimal("1.10"));

        assertEquals(List.of("APAC:UNDER_ASSIGNED", "EMEA:OVER_ASSIGNED"),
                warnings.stream().map(w -> w.territoryKey() + ":" + w.kind()).toList());
    }
}
