package io.simdex.tools.bench;

import io.simdex.kernels.VectorMath;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How fast this JVM can stream an array it already holds, on a given number of threads: the floor under any
 * exact scan of the same bytes ({@code floor ms per query = bytes scanned / bandwidth}).
 */
final class MemoryBandwidth {

    private static volatile float sink;

    private MemoryBandwidth() {
    }

    /** One measurement: timings of whole passes over the array. */
    record Measured(int threads, long bytes, Stats pass, String kernel) {
        /** Bytes per second of the median pass, in GB/s (10^9). */
        double gbPerSecond() {
            return bytes / (pass.medianMs() / 1e3) / 1e9;
        }
    }

    /** Times full passes over {@code data}, split into {@code threads} equal ranges read concurrently. */
    static Measured measure(float[] data, int threads, Sampler.Budget budget) throws Exception {
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "bench-bandwidth");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Stats stats = Sampler.time(budget, () -> sink = pass(data, threads, pool));
            return new Measured(threads, 4L * data.length, stats, "VectorMath.sum, " + VectorMath.implementation());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** The calling thread reads the first range; the pool reads the others. */
    private static float pass(float[] data, int threads, ExecutorService pool)
            throws InterruptedException, ExecutionException {
        int n = data.length;
        List<Future<Float>> others = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            others.add(pool.submit(() -> VectorMath.sum(data, from, to)));
        }
        float sum = VectorMath.sum(data, 0, (int) ((long) n / threads));
        for (Future<Float> f : others) {
            sum += f.get();
        }
        return sum;
    }
}
