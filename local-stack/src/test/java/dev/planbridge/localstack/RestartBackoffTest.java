package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private static final Instant START = Instant.parse("2026-12-07T20:00:00Z");

    @Test
    void shouldDoubleThePauseWhileAProcessKeepsCrashingUpToTheCap() {
        RestartBackoff backoff = new RestartBackoff();
        Instant soon = START.plusSeconds(3);

        assertEquals(Duration.ofSeconds(1), backoff.delayFor(START, soon));
        assertEquals(Duration.ofSeconds(2), backoff.delayFor(START, soon));
        assertEquals(Duration.ofSeconds(4), backoff.delayFor(START, soon));
        assertEquals(Duration.ofSeconds(8), backoff.delayFor(START, soon));
        assertEquals(Duration.ofSeconds(16), backoff.delayFor(START, soon));
        assertEquals(Duration.ofSeconds(30), backoff.delayFor(START, soon));
        assertEquals(Duration.ofSeconds(30), backoff.delayFor(START, soon));
    }

    @Test
    void shouldRestartQuicklyAgainAfterAProcessRanStably() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.delayFor(START, START.plusSeconds(1));
        backoff.delayFor(START, START.plusSeconds(1));

        assertEquals(Duration.ofSeconds(1), backoff.delayFor(START, START.plus(RestartBackoff.STABLE)));
    }
}
