package dev.planbridge.sync.domain;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationGateTest {

    private static final ActivationGate.Open CLEAN = new ActivationGate.Open(List.of(), List.of());
    private static final ActivationGate.Open OPEN = new ActivationGate.Open(List.of("Account|ACME OwnerId"),
            List.of("ForecastingQuota|005…|2027-01-01"));

    @Test
    void shouldRefuseWithTheOpenItemsUnlessForced() {
        ActivationGate.Refused refused = assertThrows(ActivationGate.Refused.class,
                () -> ActivationGate.check(true, OPEN, false, false, null));
        assertEquals(OPEN, refused.open());
        assertTrue(refused.getMessage().contains("1 held conflicts and 1 failed records"), refused.getMessage());
        assertDoesNotThrow(() -> ActivationGate.check(true, OPEN, true, true, "CFO signed off the open conflicts"));
        assertDoesNotThrow(() -> ActivationGate.check(true, CLEAN, false, false, null));
    }

    @Test
    void shouldLetOnlyAnAdminForceAndOnlyWithAReason() {
        assertThrows(ActivationGate.NotAllowed.class, () -> ActivationGate.check(true, OPEN, true, false, "please"));
        IllegalArgumentException noReason = assertThrows(IllegalArgumentException.class,
                () -> ActivationGate.check(true, OPEN, true, true, " "));
        assertTrue(noReason.getMessage().startsWith("reason:"));
    }

    @Test
    void shouldRefuseAPlanThatWasNeverPushed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationGate.check(false, CLEAN, false, false, null));
        assertTrue(e.getMessage().startsWith("planId:"));
    }
}
