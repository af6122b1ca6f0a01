package io.simdex.tools.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact top-10 search over synthetic unit vectors: every system at every size, one query per call and a
 * batch per call, next to the memory-bandwidth floor measured over the same bytes.
 */
final class SearchSuite {

    /** Queries whose results are compared with the reference row for recall. */
    private static final int RECALL_QUERIES = 8;

    private final BenchOptions options;
    private final PrintStream progress;
    private final Set<String> notes = new LinkedHashSet<>();
    private final List<BenchResults.Bandwidth> bandwidth = new ArrayList<>();
    private final List<Measurement> measurements = new ArrayList<>();

    SearchSuite(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** A timed configuration before floors are applied. */
    record Measurement(int n, String system, String variant, String storage, int threads, String mode,
                       int queriesPerCall, Stats perQuery, Double buildSeconds, long scannedBytesPerVector,
                       Double recallAt10) {
    }

    List<BenchResults.Bandwidth> bandwidth() {
        return List.copyOf(bandwidth);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /** Adds rows measured elsewhere (FAISS, in Python) so they get the same floors. */
    void add(Measurement measurement) {
        measurements.add(measurement);
    }

    void note(String line) {
        notes.add(line);
    }

    /** Measures the floor and every candidate at every size. */
    void run(List<SearchCandidate> peerCandidates) throws Exception {
        var candidates = new ArrayList<>(SimdexCandidates.searchers(options.threads()));
        candidates.addAll(peerCandidates);
        for (int n : options.sizes()) {
            progress.printf("[bench] search n=%,d: generating %,d unit vectors of %d dimensions%n", n, n,
                    BenchOptions.DIMENSION);
            VectorSet vectors = VectorSet.synthetic(n, BenchOptions.DIMENSION, options.seed());
            float[][] queries = VectorSet.synthetic(options.batch(), BenchOptions.DIMENSION, options.seed() + 1)
                    .toArrays();
            for (int t : options.threads()) {
                var m = MemoryBandwidth.measure(vectors.data(), t, options.searchBudget());
                bandwidth.add(new BenchResults.Bandwidth(n, t, m.bytes(), m.pass(), m.gbPerSecond(), m.kernel()));
                progress.printf("[bench] search n=%,d: memory floor %d thread(s): %.1f GB/s, %.3f ms per pass%n",
                        n, t, m.gbPerSecond(), m.pass().medianMs());
            }
            int[][] reference = null;
            for (SearchCandidate c : candidates) {
                if (n > c.maxVectors()) {
                    notes.add("skipped at n=" + n + ": " + c.label() + ": " + c.whenTooLarge());
                    continue;
                }
                if (!c.system().equals(SimdexCandidates.SYSTEM)) {
                    try {
                        measure(c, vectors, queries, n, reference);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        // A broken or too hungry peer costs its rows, not the whole run.
                        notes.add("failed at n=" + n + ": " + c.label() + ": " + e);
                        progress.printf("[bench] search n=%,d: %s failed: %s%n", n, c.label(), e);
                    }
                    continue;
                }
                int[][] found = measure(c, vectors, queries, n, reference);
                if (reference == null) {
                    reference = found;
                }
            }
            vectors = null; // let the next size's arrays take this one's memory
            System.gc();
        }
    }

    /** Builds, times and closes one candidate; returns its top-10 for the first queries. */
    private int[][] measure(SearchCandidate c, VectorSet vectors, float[][] queries, int n, int[][] reference)
            throws Exception {
        progress.printf("[bench] search n=%,d: %s: building%n", n, c.label());
        long buildStart = System.nanoTime();
        try (BenchSearcher searcher = c.builder().build(vectors)) {
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            int k = BenchOptions.TOP_K;
            int[] next = {0};
            Stats single = Sampler.time(options.searchBudget(),
                    () -> searcher.search(queries[next[0]++ % queries.length], k));
            int[][] found = new int[Math.min(RECALL_QUERIES, queries.length)][];
            for (int i = 0; i < found.length; i++) {
                found[i] = searcher.search(queries[i], k);
            }
            Double recall = reference == null ? null : recall(reference, found);
            measurements.add(new Measurement(n, c.system(), c.variant(), c.storage(), c.threads(), "single", 1, single,
                    buildSeconds, searcher.scannedBytesPerVector(), recall));
            progress.printf("[bench] search n=%,d: %s: single %.3f ms (p90 %.3f)%n", n, c.label(), single.medianMs(),
                    single.p90Ms());
            if (searcher.supportsBatch()) {
                Stats batch = Sampler.time(options.searchBudget(), () -> searcher.searchBatch(queries, k))
                        .dividedBy(queries.length);
                measurements.add(new Measurement(n, c.system(), c.variant(), c.storage(), c.threads(), "batch",
                        queries.length, batch, buildSeconds, searcher.scannedBytesPerVector(), recall));
                progress.printf("[bench] search n=%,d: %s: batch of %d: %.3f ms per query%n", n, c.label(),
                        queries.length, batch.medianMs());
            }
            return found;
        }
    }

    /** Fraction of the reference's top-k ordinals that {@code found} also returned, over all queries. */
    static double recall(int[][] reference, int[][] found) {
        if (reference.length != found.length) {
            throw new IllegalArgumentException("reference has " + reference.length + " queries, found "
                    + found.length);
        }
        int hits = 0;
        int total = 0;
        for (int q = 0; q < reference.length; q++) {
            Set<Integer> expected = new HashSet<>();
            for (int ordinal : reference[q]) {
                expected.add(ordinal);
            }
            for (int ordinal : found[q]) {
                if (expected.contains(ordinal)) {
                    hits++;
                }
            }
            total += reference[q].length;
        }
        return total == 0 ? 1.0 : (double) hits / total;
    }

    /**
     * Every measurement with its floors, simdex's first: memory from the bandwidth measured at the same size
     * and thread count, compute from the fp32 compute limit on the same thread count.
     */
    List<BenchResults.SearchRow> rows(Map<Integer, Double> fp32LimitByThreads) {
        var rows = new ArrayList<BenchResults.SearchRow>();
        var simdexFirst = new ArrayList<>(measurements);
        simdexFirst.sort(Comparator.comparing(m -> !m.system().equals(SimdexCandidates.SYSTEM)));
        for (Measurement m : simdexFirst) {
            Double gbPerSecond = bandwidth.stream().filter(b -> b.n() == m.n() && b.threads() == m.threads())
                    .map(BenchResults.Bandwidth::gbPerSecond).findFirst().orElse(null);
            Double memoryFloor = gbPerSecond == null ? null
                    : (double) m.n() * m.scannedBytesPerVector() / (gbPerSecond * 1e9) * 1e3 / m.queriesPerCall();
            Double gflops = fp32LimitByThreads.get(m.threads());
            Double computeFloor = gflops == null || !m.storage().equals("FLOAT32") ? null
                    : 2.0 * m.n() * BenchOptions.DIMENSION / (gflops * 1e9) * 1e3;
            Double bound = max(memoryFloor, computeFloor);
            rows.add(new BenchResults.SearchRow(m.n(), m.system(), m.variant(), m.storage(), m.threads(), m.mode(),
                    m.queriesPerCall(), m.perQuery(), 1e3 / m.perQuery().medianMs(), m.buildSeconds(),
                    m.scannedBytesPerVector(), memoryFloor, computeFloor,
                    bound == null ? null : m.perQuery().medianMs() / bound, m.recallAt10()));
        }
        return rows;
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
