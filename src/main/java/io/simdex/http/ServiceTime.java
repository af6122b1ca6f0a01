package io.simdex.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long one kind of gated request takes once it runs: a moving average of the last few (each new one weighs
 * an eighth), which the encode gate uses to estimate the wait ahead of a newcomer.
 */
final class ServiceTime {

    /** The estimate before the first request has finished: a search on a small model on two cores takes less. */
    static final long INITIAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final AtomicLong averageNanos = new AtomicLong(INITIAL_NANOS);

    /** The current estimate, in nanoseconds, always > 0. */
    long averageNanos() {
        return averageNanos.get();
    }

    /** Folds in one finished request that ran for {@code tookNanos}. */
    void record(long tookNanos) {
        long took = Math.max(1, tookNanos);
        averageNanos.getAndUpdate(average -> Math.max(1, average + (took - average) / 8));
    }
}
