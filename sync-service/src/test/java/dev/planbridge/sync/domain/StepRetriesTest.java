package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepRetriesTest {

    final StepRetries retries = new StepRetries(3, Duration.ofSeconds(15), Duration.ofSeconds(40));

    @Test
    void shouldRetryWithAGrowingWaitThenGiveUpWhenTheSameStepKeepsFailing() {
        StepRetries.Decision first = retries.failed(null, 0, "saving the plan", "transaction timed out");
        StepRetries.Retry retry = assertInstanceOf(StepRetries.Retry.class, first);
        assertEquals(1, retry.failures());
        assertEquals(Duration.ofSeconds(15), retry.delay());
        assertTrue(retry.reason().contains("saving the plan failed (attempt 1 of 3)"), retry.reason());
        assertTrue(retry.reason().contains("transaction timed out"), retry.reason());

        StepRetries.Retry second = assertInstanceOf(StepRetries.Retry.class,
                retries.failed("saving the plan", 1, "saving the plan", "transaction timed out"));
        assertEquals(Duration.ofSeconds(30), second.delay());

        StepRetries.GiveUp last = assertInstanceOf(StepRetries.GiveUp.class,
                retries.failed("saving the plan", 2, "saving the plan", "transaction timed out"));
        assertEquals(3, last.failures());
        assertTrue(last.reason().startsWith("saving the plan failed 3 times in a row"), last.reason());
        assertTrue(last.reason().endsWith("Last error: transaction timed out"), last.reason());
    }

    @Test
    void shouldCountAgainFromOneWhenAnotherStepFails() {
        StepRetries.Decision decision = retries.failed("saving the plan", 2, "writing", "database unreachable");
        assertEquals(1, assertInstanceOf(StepRetries.Retry.class, decision).failures());
    }

    @Test
    void shouldCapTheWait() {
        StepRetries many = new StepRetries(40, Duration.ofSeconds(15), Duration.ofSeconds(40));
        assertEquals(Duration.ofSeconds(40), ((StepRetries.Retry) many.failed("writing", 30, "writing", "x")).delay());
    }

    @Test
    void shouldRefuseALimitBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StepRetries(0, Duration.ZERO, Duration.ZERO));
        assertTrue(e.getMessage().contains("sync.max-step-attempts"));
    }
}
