package dev.planbridge.planning.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.planbridge.planning.health.HealthScore.Part;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthScoreTest {

    @Test
    void shouldScoreEachPartByItsShareOfOffendersAndWeighTheParts() {
        var missing = HealthScore.part(Part.MISSING_FIELDS, 250, 1000, List.of());
        var unassigned = HealthScore.part(Part.UNASSIGNED, 0, 1000, List.of());
        var tbh = HealthScore.part(Part.TBH_SEATS, 5, 5, List.of());

        assertEquals(75, missing.score());
        assertEquals(100, unassigned.score());
        assertEquals(0, tbh.score());
        // (25 × 75 + 20 × 100 + 10 × 0) / 55 = 70.45
        assertEquals(70, HealthScore.overall(List.of(missing, unassigned, tbh)));
        assertEquals(100, HealthScore.part(Part.QUOTA_COVERAGE, 0, 0, List.of()).score());
    }

    @Test
    void shouldWeighAllPartsToOneHundred() {
        assertEquals(100, Arrays.stream(Part.values()).mapToInt(p -> p.weight).sum());
    }

    @Test
    void shouldMatchDuplicatesOnNormalisedNameWithinOneCountry() {
        assertEquals(HealthScore.duplicateKey("Acme, Inc.", "US"), HealthScore.duplicateKey("ACME inc", "us"));
        assertEquals("acme|us", HealthScore.duplicateKey("Acme Corporation", "US"));
        assertNotEquals(HealthScore.duplicateKey("Acme GmbH", "DE"), HealthScore.duplicateKey("Acme Inc", "US"));
        assertNull(HealthScore.duplicateKey(" ", "US"));
    }
}
