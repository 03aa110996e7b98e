package dev.planbridge.planning.report;

import java.util.Collection;

/** Spread of one measure across sibling territories: mean, coefficient of variation (population), min, max. */
public record SpreadStats(int count, double mean, double coefficientOfVariation, double min, double max) {

    public static SpreadStats of(Collection<Double> values) {
        if (values.isEmpty()) {
            return new SpreadStats(0, 0, 0, 0, 0);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.size();
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double stddev = Math.sqrt(squares / values.size());
        double cv = mean == 0 ? 0 : stddev / mean;
        return new SpreadStats(values.size(), mean, cv, min, max);
    }

    /** True when {@code value} lies more than {@code band} (e.g. 0.25 = 25 %) away from the mean. */
    public boolean outOfBand(double value, double band) {
        if (count < 2) {
            return false;
        }
        if (mean == 0) {
            return value != 0;
        }
        return Math.abs(value - mean) / Math.abs(mean) > band;
    }
}
