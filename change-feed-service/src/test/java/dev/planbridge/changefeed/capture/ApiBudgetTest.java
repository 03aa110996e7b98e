package dev.planbridge.changefeed.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApiBudgetTest {

    private Instant now = Instant.parse("2026-11-29T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void shouldPollAtTheConfiguredIntervalWhileTheBudgetIsComfortable() {
        ApiBudget budget = new ApiBudget(1000, clock);
        budget.record(500);
        assertEquals(Duration.ofSeconds(5), budget.nextPollDelay(Duration.ofSeconds(5), 2));
    }

    @Test
    void shouldSlowDownBeforeTheBudgetIsSpentAndWaitWhenItIs() {
        ApiBudget budget = new ApiBudget(1000, clock);
        budget.record(850);
        Duration slower = budget.nextPollDelay(Duration.ofSeconds(5), 2);
        assertTrue(slower.compareTo(Duration.ofSeconds(5)) > 0, "slower: " + slower);
        budget.record(100);
        Duration evenSlower = budget.nextPollDelay(Duration.ofSeconds(5), 2);
        assertTrue(evenSlower.compareTo(slower) > 0, evenSlower + " vs " + slower);

        budget.record(50);
        assertTrue(budget.exhausted());
        Duration wait = budget.nextPollDelay(Duration.ofSeconds(5), 2);
        assertTrue(wait.compareTo(Duration.ofHours(23)) > 0, "waits until the calls age out: " + wait);
    }

    @Test
    void shouldForgetCallsOlderThanADay() {
        ApiBudget budget = new ApiBudget(1000, clock);
        budget.record(1000);
        now = now.plus(Duration.ofHours(24)).plusSeconds(61);
        assertEquals(0, budget.used());
        assertEquals(Duration.ofSeconds(5), budget.nextPollDelay(Duration.ofSeconds(5), 2));
    }

    @Test
    void shouldRejectABudgetOfNothing() {
        assertThrows(IllegalArgumentException.class, () -> new ApiBudget(0, clock));
    }
}
