package io.simdex.tools.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exact all-pairs scan, {@code FlatIndex.pairsAtOrAbove(0.9)}, over synthetic 384-d unit vectors with
 * planted near copies: time per scan, pairs found and heap in use, at every size and thread count. Rows measured
 * elsewhere (FAISS range search, in Python) are {@linkplain #add added} and listed next to simdex's.
 */
final class PairsSuite {

    /** The threshold timed: pairs this close are near duplicates. */
    static final float MIN_SCORE = 0.9f;

    /** Share of vectors replaced by near copies of earlier ones: random 384-d vectors never reach 0.9. */
    static final double NEAR_COPY_FRACTION = 0.03;

    /** Far above the pairs this data has; a scan that passes it fails the run. */
    static final int MAX_PAIRS = 10_000_000;

    /** Larger sizes skip warm-up: one scan takes seconds, and the smaller sizes ran the same code first. */
    static final int LARGEST_WARMED_UP = 10_000;

    /** From this size on FAISS range search is timed once: a run takes minutes, and the suite's time is bounded. */
    static final int PEER_SINGLE_RUN_FROM = 50_000;

    /** Rows in table order: by size, then threads, simdex first. */
    static final Comparator<BenchResults.PairsRow> TABLE_ORDER = Comparator
            .comparingInt(BenchResults.PairsRow::n)
            .thenComparingInt(BenchResults.PairsRow::threads)
            .thenComparing(row -> !row.system().equals(SimdexCandidates.SYSTEM));

    private static final Duration HEAP_SAMPLE_PERIOD = Duration.ofMillis(10);
    private static final double MIB = 1024.0 * 1024.0;

    private final BenchOptions options;
    private final PrintStream progress;
    private final List<BenchResults.PairsRow> added = new ArrayList<>();

    PairsSuite(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Adds a row measured elsewhere; {@link #run()} lists it next to simdex's row of the same size and threads. */
    void add(BenchResults.PairsRow row) {
        added.add(row);
        progress.printf("[bench] pairs n=%,d, %d thread(s), %s: %.3f s per scan (%d runs), %,d pairs, RSS %s MiB "
                        + "before, peak %s%n", row.n(), row.threads(), row.system(), row.medianSeconds(),
                row.scan().samples(), row.pairs(), ResultsMarkdown.opt(row.rssBeforeMiB()),
                ResultsMarkdown.opt(row.peakRssMiB()));
    }

    /** A FAISS range-search measurement as a row. */
    static BenchResults.PairsRow peerRow(String system, String variant, int threads, PythonPeer.PairsTimes p) {
        Stats scan = p.scan();
        return new BenchResults.PairsRow(system, variant, p.n(), BenchOptions.DIMENSION, "FLOAT32", threads,
                p.minScore(), p.nearCopyFraction(), scan, scan.medianMs() / 1e3, p.pairs(), null, null, null, null,
                p.rssBeforeMib(), p.rssAfterMib(), p.peakRssMib(), BenchResults.PairsRow.fullMatrixMiB(p.n()));
    }

    /** Measures every size, smallest first, at every thread count; returns those rows and the added ones. */
    List<BenchResults.PairsRow> run() throws Exception {
        var rows = new ArrayList<>(added);
        for (int n : options.pairSizes().stream().sorted().toList()) {
            progress.printf("[bench] pairs n=%,d: generating %d-d unit vectors, %.0f %% near copies%n", n,
                    BenchOptions.DIMENSION, 100 * NEAR_COPY_FRACTION);
            VectorSet vectors = VectorSet.synthetic(n, BenchOptions.DIMENSION, options.seed())
                    .withNearCopies(NEAR_COPY_FRACTION, options.seed() + 2);
            for (int t : options.threads()) {
                rows.add(measure(vectors, t));
            }
            vectors = null; // let the next size's arrays take this one's memory
            System.gc();
        }
        rows.sort(TABLE_ORDER);
        return rows;
    }

    private BenchResults.PairsRow measure(VectorSet vectors, int threads) throws Exception {
        int n = vectors.count();
        try (var index = SimdexIndexAdapter.openForPairs(vectors, threads)) {
            long before = heapUsedAfterGc();
            var budget = new Sampler.Budget(n <= LARGEST_WARMED_UP ? options.warmup() : 0, options.iterations(),
                    options.maxTimePerConfig());
            List<?>[] last = new List<?>[1]; // the last scan's pairs, held until the heap is measured after
            Stats scan;
            long peak;
            try (var sampler = new HeapPeak()) {
                scan = Sampler.time(budget, () -> last[0] = index.pairsAtOrAbove(MIN_SCORE, MAX_PAIRS));
                peak = sampler.max();
            }
            long after = heapUsedAfterGc();
            var row = new BenchResults.PairsRow(SimdexCandidates.SYSTEM, "FlatIndex.pairsAtOrAbove", n,
                    vectors.dimension(), "FLOAT32", threads, MIN_SCORE, NEAR_COPY_FRACTION, scan,
                    scan.medianMs() / 1e3, last[0].size(), index.heapBytes() / MIB, before / MIB, after / MIB,
                    peak / MIB, null, null, null, BenchResults.PairsRow.fullMatrixMiB(n));
            progress.printf("[bench] pairs n=%,d, %d thread(s): %.3f s per scan (%d runs), %,d pairs, heap %.0f MiB "
                            + "before, %.0f after, peak %.0f%n", n, threads, row.medianSeconds(), scan.samples(),
                    row.pairs(), row.heapBeforeMiB(), row.heapAfterMiB(), row.peakHeapMiB());
            return row;
        }
    }

    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * Samples the heap in use on a daemon thread until closed, and once more at the start and at the close, so a
     * scan shorter than the sampling period is still seen; {@link #max()} is the most it saw.
     */
    private static final class HeapPeak implements AutoCloseable {
        private final AtomicLong max = new AtomicLong();
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final Thread sampler;

        HeapPeak() {
            sample();
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sample();
                    try {
                        Thread.sleep(HEAP_SAMPLE_PERIOD.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-peak");
            sampler.setDaemon(true);
            sampler.start();
        }

        long max() {
            return max.get();
        }

        private void sample() {
            max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }

        /** Stops the sampler and waits for it; an interrupt while waiting is kept for the caller to see. */
        @Override
        public void close() {
            sample();
            sampler.interrupt();
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
