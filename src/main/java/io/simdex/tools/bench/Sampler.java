package io.simdex.tools.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/** Times an operation repeatedly within a budget of runs and wall time. */
public final class Sampler {

    /** Fewer timed runs than this (when the budget asks for at least this many) make a median meaningless. */
    static final int MIN_SAMPLES = 3;

    /** Warm-up time that lets C2 compile a search or encoding loop, whatever the run count asked for. */
    static final Duration MIN_WARMUP = Duration.ofSeconds(1);

    private Sampler() {
    }

    /**
     * How long to measure one configuration.
     *
     * @param warmup untimed runs first; warm-up goes on until it has done this many and run for
     *               {@link #MIN_WARMUP} (so the JIT has compiled the hot loops), but stops once it has used a
     *               third of {@code maxTime}
     * @param iterations the most timed runs
     * @param maxTime timed runs stop once this much time has passed, but only after
     *                {@code min(iterations, 3)} runs
     */
    public record Budget(int warmup, int iterations, Duration maxTime) {
        public Budget {
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must be >= 0 but was " + warmup);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1 but was " + iterations);
            }
            Objects.requireNonNull(maxTime, "maxTime");
            if (maxTime.isNegative() || maxTime.isZero()) {
                throw new IllegalArgumentException("maxTime must be positive but was " + maxTime);
            }
        }
    }

    /** One run of the measured work; exceptions end the measurement. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    /**
     * Runs {@code run} for warm-up, then times it until the budget is spent.
     *
     * @return the timed runs' statistics
     * @throws Exception whatever {@code run} throws
     */
    public static Stats time(Budget budget, Run run) throws Exception {
        long maxNanos = budget.maxTime().toNanos();
        long warmupStart = System.nanoTime();
        long warmupEnd = Math.min(MIN_WARMUP.toNanos(), maxNanos / 3);
        for (int i = 0; budget.warmup() > 0; i++) {
            long spent = System.nanoTime() - warmupStart;
            if (spent >= maxNanos / 3 || (i >= budget.warmup() && spent >= warmupEnd)) {
                break;
            }
            run.run();
        }
        int minSamples = Math.min(budget.iterations(), MIN_SAMPLES);
        long[] nanos = new long[budget.iterations()];
        int count = 0;
        long start = System.nanoTime();
        while (count < budget.iterations() && (count < minSamples || System.nanoTime() - start < maxNanos)) {
            long t0 = System.nanoTime();
            run.run();
            nanos[count++] = System.nanoTime() - t0;
        }
        return Stats.ofNanos(Arrays.copyOf(nanos, count));
    }
}
