package dev.planbridge.cli;

import java.time.Duration;

/** One-line progress: bar, done/total, API calls, rate and ETA. Pure rendering; the caller owns the terminal. */
public final class ProgressBar {

    private final int width;

    public ProgressBar(int width) {
        if (width < 5) {
            throw new IllegalArgumentException("A progress bar needs at least 5 columns");
        }
        this.width = width;
    }

    public String render(long done, long total, long apiCalls, Duration elapsed) {
        long safeTotal = Math.max(total, 0);
        double fraction = safeTotal == 0 ? 0 : Math.min(1.0, (double) done / safeTotal);
        int filled = (int) Math.round(fraction * width);
        double seconds = Math.max(elapsed.toMillis() / 1000.0, 0.001);
        double rate = done / seconds;
        String eta = rate <= 0 || done >= safeTotal ? "-" : formatDuration((long) ((safeTotal - done) / rate));
        return String.format("[%s%s] %3d%%  %,d/%,d records  %,d calls  %,.0f rec/s  ETA %s",
                "#".repeat(filled), ".".repeat(width - filled), Math.round(fraction * 100), done, safeTotal, apiCalls,
                rate, eta);
    }

    static String formatDuration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + String.format("%02d", (seconds % 3600) / 60) + "m";
    }
}
