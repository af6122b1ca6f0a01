package io.simdex.tools.bench;

import java.util.Arrays;
import java.util.Objects;

/**
 * Latencies of one kind of answer under load, in milliseconds. Percentiles are nearest-rank: the p-th percentile
 * of n sorted samples is the {@code ceil(p/100 · n)}-th smallest, so p50 of an even count is the lower middle
 * sample and p99 of fewer than 100 samples is the largest.
 *
 * @param samples how many answers
 * @param p50Ms the median answer
 * @param p99Ms the 99th percentile
 * @param maxMs the slowest answer
 * @param meanMs the arithmetic mean
 */
public record Latency(long samples, double p50Ms, double p99Ms, double maxMs, double meanMs) {

    public Latency {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1 but was " + samples);
        }
    }

    /**
     * Summarizes durations in nanoseconds; {@code nanos} is sorted in place.
     *
     * @return the summary, or {@code null} when there are no samples
     * @throws IllegalArgumentException if a duration is negative
     */
    static Latency ofNanos(long[] nanos) {
        Objects.requireNonNull(nanos, "nanos");
        if (nanos.length == 0) {
            return null;
        }
        Arrays.sort(nanos);
        if (nanos[0] < 0) {
            throw new IllegalArgumentException("durations must be >= 0 but got " + nanos[0]);
        }
        double sum = 0;
        for (long v : nanos) {
            sum += v;
        }
        return new Latency(nanos.length, percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6,
                nanos[nanos.length - 1] / 1e6, sum / nanos.length / 1e6);
    }

    /** The nearest-rank {@code p}-th percentile of sorted samples. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
