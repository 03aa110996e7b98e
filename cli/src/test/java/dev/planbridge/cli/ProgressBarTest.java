package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void shouldShowFractionRateAndEta() {
        String line = new ProgressBar(10).render(500, 1000, 3, Duration.ofSeconds(5));
        assertEquals("[#####.....]  50%  500/1,000 records  3 calls  100 rec/s  ETA 5s", line);
    }

    @Test
    void shouldHandleAnEmptyPushAndCompletion() {
        assertTrue(new ProgressBar(10).render(0, 0, 0, Duration.ZERO).startsWith("[..........]   0%"));
        assertTrue(new ProgressBar(10).render(10, 10, 1, Duration.ofSeconds(1)).endsWith("ETA -"));
    }

    @Test
    void shouldFormatLongEtas() {
        assertEquals("2m05s", ProgressBar.formatDuration(125));
        assertEquals("1h01m", ProgressBar.formatDuration(3660));
        assertThrows(IllegalArgumentException.class, () -> new ProgressBar(2));
    }
}
