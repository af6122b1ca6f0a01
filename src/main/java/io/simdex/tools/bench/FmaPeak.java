package io.simdex.tools.bench;

import io.simdex.kernels.VectorMath;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fp32 peak of this machine's cores: {@link VectorMath#fmaBurst} (independent fused multiply-add chains on
 * registers, no memory traffic) on a given number of threads at once. No matrix product can go faster, so it is
 * a ceiling that holds on any x86-64 or ARM CPU, whatever BLAS is installed.
 */
final class FmaPeak {

    /** Rounds per call: 2^20 rounds of 12 chains, a few milliseconds, so a timed run is many calls long. */
    static final int ROUNDS = 1 << 20;

    /** Calls per thread in one timed run. */
    static final int CALLS = 8;

    private static volatile float sink;

    private FmaPeak() {
    }

    /** FLOPs of one timed run on {@code threads} threads. */
    static double flopsPerRun(int threads) {
        return 2.0 * threads * CALLS * ROUNDS * VectorMath.FMA_CHAINS * VectorMath.fmaLanes();
    }

    /** Times runs in which each of {@code threads} threads calls the burst {@link #CALLS} times. */
    static BenchResults.Ceiling measure(int threads, Sampler.Budget budget) throws Exception {
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "bench-fma");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Stats stats = Sampler.time(budget, () -> sink = run(threads, pool));
            double gflops = flopsPerRun(threads) / (stats.minMs() / 1e3) / 1e9;
            return new BenchResults.Ceiling(BenchResults.Ceiling.FMA_PEAK, "fp32", threads, threads(threads),
                    stats, gflops, VectorMath.FMA_CHAINS + " FMA chains × " + VectorMath.fmaLanes() + " lanes, "
                    + VectorMath.implementation());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static float run(int threads, ExecutorService pool) throws Exception {
        List<Future<Float>> others = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            others.add(pool.submit(FmaPeak::calls));
        }
        float sum = calls();
        for (Future<Float> f : others) {
            sum += f.get();
        }
        return sum;
    }

    private static float calls() {
        float sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += VectorMath.fmaBurst(ROUNDS);
        }
        return sum;
    }

    static String threads(int t) {
        return t + (t == 1 ? " thread" : " threads");
    }
}
