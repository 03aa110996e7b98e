package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreeWayTest {

    @Test
    void shouldWriteNothingWhenTheCrmAlreadyHoldsThePlan() {
        assertEquals(Classification.UNCHANGED, ThreeWay.classify("A", "B", "B", false));
    }

    @Test
    void shouldWriteWhenTheCrmStillHoldsTheBaseline() {
        assertEquals(Classification.WRITE, ThreeWay.classify("A", "B", "A", false));
    }

    @Test
    void shouldFlagConflictWhenTheCrmChangedSinceTheBaseline() {
        assertEquals(Classification.CONFLICT, ThreeWay.classify("A", "B", "C", false));
    }

    @Test
    void shouldFlagConflictWhenTheCrmChangedAFieldThePlanKeeps() {
        assertEquals(Classification.CONFLICT, ThreeWay.classify("A", "A", "C", false));
    }

    @Test
    void shouldNotTreatOwnEarlierPushAsConflict() {
        assertEquals(Classification.WRITE, ThreeWay.classify("A", "B", "C", true));
    }

    @Test
    void shouldTreatNullAsAValueOfItsOwn() {
        assertEquals(Classification.WRITE, ThreeWay.classify(null, "B", null, false));
        assertEquals(Classification.UNCHANGED, ThreeWay.classify("A", null, null, false));
        assertEquals(Classification.CONFLICT, ThreeWay.classify(null, "B", "C", false));
    }
}
