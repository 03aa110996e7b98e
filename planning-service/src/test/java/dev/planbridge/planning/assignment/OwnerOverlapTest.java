package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.assignment.OwnerOverlap.Period;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerOverlapTest {

    static final LocalDate FEB = LocalDate.of(2026, 2, 1);

    @Test
    void shouldAllowConsecutiveOwnersAndOverlaysAtTheSameTime() {
        List<Period> periods = List.of(
                new Period("WEST", "005A", "Owner", FEB, LocalDate.of(2026, 6, 30)),
                new Period("WEST", "005B", "Owner", LocalDate.of(2026, 7, 1), null),
                new Period("WEST", "005C", "Overlay", FEB, null));

        assertTrue(OwnerOverlap.check(periods).isEmpty());
        assertEquals("005A", OwnerOverlap.ownerOn(periods, LocalDate.of(2026, 3, 1)));
        assertEquals("005B", OwnerOverlap.ownerOn(periods, LocalDate.of(2026, 7, 1)));
    }

    @Test
    void shouldRejectTwoOwnersAtOnce() {
        List<Period> periods = List.of(
                new Period("WEST", "005A", "Owner", FEB, null),
                new Period("WEST", "005B", "Owner", LocalDate.of(2026, 7, 1), null));

        assertEquals(1, OwnerOverlap.check(periods).size());
        assertTrue(OwnerOverlap.check(periods).get(0).reason().contains("two Owners"));
    }

    @Test
    void shouldRejectEndBeforeStartAndTreatEmptySeatAsToBeHired() {
        List<Period> periods = List.of(new Period("EAST", "005A", "Manager", FEB, FEB.minusDays(1)));

        assertEquals("endDate", OwnerOverlap.check(periods).get(0).field());
        assertNull(OwnerOverlap.ownerOn(periods, FEB));
    }
}
