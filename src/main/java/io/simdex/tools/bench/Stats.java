package io.simdex.tools.bench;

import java.util.Arrays;
import java.util.Objects;

/**
 * Summary of repeated timings of one configuration, in milliseconds.
 *
 * <p>The median of an even number of samples is the mean of the two middle ones. The 90th percentile is the
 * nearest-rank one: the {@code ceil(0.9 * n)}-th smallest sample, so with fewer than 10 samples it is the
 * largest.
 *
 * @param samples how many timed runs
 * @param medianMs the median run
 * @param p90Ms the 90th percentile run
 * @param minMs the fastest run
 * @param meanMs the arithmetic mean
 */
public record Stats(int samples, double medianMs, double p90Ms, double minMs, double meanMs) {

    public Stats {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1 but was " + samples);
        }
        for (double v : new double[] {medianMs, p90Ms, minMs, meanMs}) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("timings must be finite and >= 0 but got " + v);
            }
        }
    }

    /**
     * Summarizes durations given in nanoseconds.
     *
     * @throws IllegalArgumentException if {@code nanos} is empty or holds a negative duration
     */
    public static Stats ofNanos(long[] nanos) {
        Objects.requireNonNull(nanos, "nanos");
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return ofMillis(ms);
    }

    /**
     * Summarizes durations given in milliseconds.
     *
     * @throws IllegalArgumentException if {@code millis} is empty or holds a negative or non-finite duration
     */
    public static Stats ofMillis(double[] millis) {
        Objects.requireNonNull(millis, "millis");
        if (millis.length == 0) {
            throw new IllegalArgumentException("no samples: at least one timing is needed");
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double p90 = sorted[(int) Math.ceil(0.9 * n) - 1];
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Stats(n, median, p90, sorted[0], sum / n);
    }

    /** The same statistics with every timing divided by {@code divisor}, e.g. a batch's time per query. */
    public Stats dividedBy(double divisor) {
        if (!(divisor > 0) || !Double.isFinite(divisor)) {
            throw new IllegalArgumentException("divisor must be a finite number > 0 but was " + divisor);
        }
        return new Stats(samples, medianMs / divisor, p90Ms / divisor, minMs / divisor, meanMs / divisor);
    }
}
