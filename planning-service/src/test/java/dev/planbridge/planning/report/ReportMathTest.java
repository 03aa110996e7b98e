package dev.planbridge.planning.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.csv.FormulaGuard;
import dev.planbridge.planning.report.DisruptionClassifier.Move;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMathTest {

    @Test
    void shouldComputeSiblingSpread() {
        SpreadStats stats = SpreadStats.of(List.of(100.0, 100.0, 100.0, 200.0));

        assertEquals(125.0, stats.mean(), 1e-9);
        assertEquals(Math.sqrt(1875.0) / 125.0, stats.coefficientOfVariation(), 1e-9);
        assertEquals(100.0, stats.min());
        assertEquals(200.0, stats.max());
        assertTrue(stats.outOfBand(200.0, 0.25));
        assertFalse(stats.outOfBand(100.0, 0.25));
        assertFalse(SpreadStats.of(List.of(5.0)).outOfBand(5.0, 0.0));
    }

    @Test
    void shouldClassifyKeptGainedLostAndPipelineMoving() {
        DisruptionClassifier.Summary summary = DisruptionClassifier.classify(List.of(
                new Move("001A", "ann", "ann", new BigDecimal("10"), 1),
                new Move("001B", "ann", "bob", new BigDecimal("50"), 2),
                new Move("001C", "bob", "ann", BigDecimal.ZERO, 0),
                new Move("001D", null, "bob", null, 0)));

        assertEquals(4, summary.accounts());
        assertEquals(3, summary.moved());
        assertEquals(75.0, summary.movedPercent(), 1e-9);
        assertEquals(new BigDecimal("50"), summary.pipelineMoving());
        assertEquals(1, summary.movedWithOpenOpportunities());
        DisruptionClassifier.Holder ann = summary.holders().stream().filter(h -> h.holder.equals("ann")).findFirst().orElseThrow();
        assertEquals(1, ann.kept);
        assertEquals(1, ann.gained);
        assertEquals(1, ann.lost);
        assertEquals(1, ann.lostWithOpenOpportunities);
        assertEquals(50.0, ann.bookMovedPercent(), 1e-9);
    }

    @Test
    void shouldNeutraliseFormulaPrefixesButKeepNumbers() {
        assertEquals("'=HYPERLINK(\"x\")", FormulaGuard.cell("=HYPERLINK(\"x\")"));
        assertEquals("'@SUM(A1)", FormulaGuard.cell("@SUM(A1)"));
        assertEquals("'+cmd", FormulaGuard.cell("+cmd"));
        assertEquals("'-2+3", FormulaGuard.cell("-2+3"));
        assertEquals("-12.5", FormulaGuard.cell("-12.5"));
        assertEquals("-3", FormulaGuard.cell(-3));
        assertEquals("Acme", FormulaGuard.cell("Acme"));
        assertEquals("", FormulaGuard.cell(null));
    }
}
