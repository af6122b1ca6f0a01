package io.simdex.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/** Runs the chosen suites and gathers one {@link BenchResults}; progress goes to a stream as it happens. */
public final class Benchmark {

    /** What to do when the peers are not in this jar. */
    static final String HOW_TO_GET_PEERS = "build them with `mvn -Pbench -DskipTests package`, then run "
            + "`java --add-modules jdk.incubator.vector -Xmx8g -jar target/simdex-bench.jar bench ...`";

    private final BenchOptions options;
    private final PrintStream progress;
    private final Set<String> notes = new LinkedHashSet<>();

    private Benchmark(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Measures everything {@code options} asks for.
     *
     * @throws Exception when simdex itself fails; a failing peer is noted and skipped instead
     */
    public static BenchResults run(BenchOptions options, PrintStream progress) throws Exception {
        return new Benchmark(options, progress).run();
    }

    private BenchResults run() throws Exception {
        MachineInfo machine = MachineInfo.detect(SimdexIndexAdapter.vectorMath());
        progress.printf("[bench] %s, %d cores, %s, max heap %d MiB%n", machine.cpuModel(), machine.cores(),
                machine.jvm(), machine.maxHeapMiB());
        if (!machine.vectorModule()) {
            note("jdk.incubator.vector was not added, so the memory floor uses the slower scalar probe; run java with "
                    + "--add-modules jdk.incubator.vector");
        }
        List<EncoderPeer> encoderPeers = ServiceLoader.load(EncoderPeer.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        List<SearchPeer> searchPeers = ServiceLoader.load(SearchPeer.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (encoderPeers.isEmpty() && searchPeers.isEmpty()) {
            note("peers skipped: langchain4j (embedding models, InMemoryEmbeddingStore) and Lucene VectorUtil are not in "
                    + "this jar; " + HOW_TO_GET_PEERS);
        }

        PythonPeer.Located located = PythonPeer.locate(options.python());
        if (located.skipped() != null) {
            note(located.skipped());
        }
        var sgemm = new ArrayList<BenchResults.Sgemm>();
        Map<Integer, Double> gflops = new LinkedHashMap<>();
        located.peer().ifPresent(python -> measureSgemm(python, sgemmThreads(encoderPeers), sgemm, gflops));

        var encodeRows = new ArrayList<BenchResults.EncodeRow>();
        if (options.suites().contains(BenchOptions.Suite.ENCODE)) {
            var peerCandidates = new ArrayList<EncoderCandidate>();
            for (EncoderPeer peer : encoderPeers) {
                peerCandidates.addAll(peer.candidates());
            }
            var suite = new EncodeSuite(options, progress);
            encodeRows.addAll(suite.run(peerCandidates, gflops));
            suite.notes().forEach(this::note);
        }

        var memory = new ArrayList<BenchResults.Bandwidth>();
        var searchRows = new ArrayList<BenchResults.SearchRow>();
        if (options.suites().contains(BenchOptions.Suite.SEARCH)) {
            var suite = new SearchSuite(options, progress);
            located.peer().ifPresent(python -> measureFaiss(python, suite));
            var context = new SearchPeer.Context(options.threads(), options.peerOptions());
            var peerCandidates = new ArrayList<SearchCandidate>();
            for (SearchPeer peer : searchPeers) {
                peerCandidates.addAll(peer.candidates(context));
                peer.notes().forEach(this::note);
            }
            suite.run(peerCandidates);
            suite.notes().forEach(this::note);
            memory.addAll(suite.bandwidth());
            searchRows.addAll(suite.rows(gflops));
        }
        var pairsRows = new ArrayList<BenchResults.PairsRow>();
        if (options.suites().contains(BenchOptions.Suite.PAIRS)) {
            var suite = new PairsSuite(options, progress);
            located.peer().ifPresent(python -> measureFaissPairs(python, suite));
            pairsRows.addAll(suite.run());
        }
        var httpRows = new ArrayList<BenchResults.HttpRow>();
        if (options.suites().contains(BenchOptions.Suite.HTTP)) {
            var suite = new HttpSuite(options, progress);
            httpRows.addAll(suite.run());
            suite.notes().forEach(this::note);
        }
        return new BenchResults(options.quick() ? "quick smoke run" : "full run", machine, options, sgemm, memory,
                encodeRows, searchRows, pairsRows, httpRows, new ArrayList<>(notes), formulas());
    }

    /** Every thread count search asks for, plus the cores each encoder layout keeps busy. */
    private Set<Integer> sgemmThreads(List<EncoderPeer> encoderPeers) {
        var threads = new TreeSet<Integer>();
        if (options.suites().contains(BenchOptions.Suite.SEARCH)) {
            threads.addAll(options.threads());
        }
        if (options.suites().contains(BenchOptions.Suite.ENCODE)) {
            SimdexCandidates.encoders(options.modelCache(), options.encodeBatch())
                    .forEach(c -> threads.add(c.coresUsed()));
            encoderPeers.forEach(p -> p.candidates().forEach(c -> threads.add(c.coresUsed())));
        }
        return threads;
    }

    private void measureSgemm(PythonPeer python, Set<Integer> threads, List<BenchResults.Sgemm> out,
                              Map<Integer, Double> gflops) {
        for (int t : threads) {
            progress.printf("[bench] sgemm ceiling, %d thread(s): %s%n", t, python.describe());
            try {
                PythonPeer.Report report = python.sgemm(t, options);
                if (report.error() != null) {
                    note("sgemm skipped: " + report.error() + "; " + PythonPeer.INSTALL_HINT);
                    return;
                }
                var s = report.sgemm();
                out.add(new BenchResults.Sgemm(t, s.n(), s.stats(), s.gflops(), report.blas()));
                gflops.put(t, s.gflops());
                progress.printf("[bench] sgemm %d thread(s): %.1f GFLOP/s (%s)%n", t, s.gflops(), report.blas());
            } catch (IOException e) {
                note("sgemm skipped: " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void measureFaiss(PythonPeer python, SearchSuite suite) {
        eachFaissReport("FAISS IndexFlatIP, %d thread(s), sizes " + options.sizes(),
                t -> python.faiss(t, options.sizes(), options), (t, report) -> {
                    String variant = report.variant("IndexFlatIP");
                    for (PythonPeer.SearchTimes row : report.search()) {
                        suite.add(new SearchSuite.Measurement(row.n(), "FAISS", variant, "FLOAT32", t,
                                row.queriesPerCall() == 1 ? "single" : "batch", row.queriesPerCall(), row.perQuery(),
                                row.buildS(), 4L * BenchOptions.DIMENSION, null));
                    }
                });
    }

    private void measureFaissPairs(PythonPeer python, PairsSuite suite) {
        eachFaissReport("FAISS IndexFlatIP.range_search, %d thread(s), pair sizes " + options.pairSizes(),
                t -> python.pairs(t, options.pairSizes(), options), (t, report) -> {
                    String variant = report.variant("IndexFlatIP.range_search");
                    report.pairs().forEach(row -> suite.add(PairsSuite.peerRow("FAISS", variant, t, row)));
                });
    }

    /** One FAISS run of the Python peer. */
    @FunctionalInterface
    private interface FaissRun {
        PythonPeer.Report run(int threads) throws IOException, InterruptedException;
    }

    /**
     * Runs FAISS once per thread count and hands each report on; a missing numpy or faiss, or a failing run, is
     * noted in one line and ends the FAISS measurements without failing the suite.
     */
    private void eachFaissReport(String progressFormat, FaissRun run,
                                 BiConsumer<Integer, PythonPeer.Report> use) {
        for (int t : options.threads()) {
            progress.printf("[bench] " + progressFormat + "%n", t);
            try {
                PythonPeer.Report report = run.run(t);
                if (report.error() != null || report.faissError() != null) {
                    note("FAISS skipped: " + (report.error() != null ? report.error() : report.faissError()) + "; "
                            + PythonPeer.INSTALL_HINT);
                    return;
                }
                use.accept(t, report);
            } catch (IOException e) {
                note("FAISS skipped: " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void note(String line) {
        if (notes.add(line)) {
            progress.println("[bench] " + line);
        }
    }

    /** How every derived number is computed, as stored in the results. */
    static Map<String, String> formulas() {
        var f = new LinkedHashMap<String, String>();
        f.put("statistics", "median of the timed runs; p90 is the nearest-rank 90th percentile (the ceil(0.9·n)-th "
                + "smallest); warm-up runs are not timed");
        f.put("encode_flops", MiniLmFlops.FORMULA + "; padding is not counted");
        f.put("compute_limit_fraction", "achieved GFLOP/s (encode_flops of one pass ÷ median pass time) ÷ sgemm GFLOP/s "
                + "on as many threads as the layout keeps busy (workers × ORT threads); int8 rows can pass 100 % "
                + "because the ceiling is fp32 sgemm");
        f.put("sgemm", "numpy float32 matmul of two n×n matrices, 2·n³ FLOPs ÷ median time, OPENBLAS_NUM_THREADS = threads");
        f.put("memory_floor", "n × bytes scanned per vector ÷ streaming-read bandwidth (GB/s, same n and threads); for a "
                + "batch, divided by the queries per call, since one pass can serve them all");
        f.put("compute_floor", "2 · n · d FLOPs per query ÷ sgemm GFLOP/s on the same threads; FLOAT32 storage only");
        f.put("bound_ratio", "median ms per query ÷ max(memory floor, compute floor); 1.0× is the machine's limit");
        f.put("recall_at_10", "share of the first simdex FLOAT32 row's top 10 that a system also returns, over "
                + "the first 8 queries; FAISS builds its own vectors, so it has none");
        f.put("pairs", "FlatIndex.pairsAtOrAbove(" + PairsSuite.MIN_SCORE + ") on FLOAT32 storage; seconds are the "
                + "median scan; sizes above " + PairsSuite.LARGEST_WARMED_UP + " are not warmed up (smaller sizes ran "
                + "the same code first); heap before and after = used heap right after a full GC (System.gc via "
                + "MemoryMXBean), before the first scan and after the last with its pairs held; peak = the most used "
                + "heap sampled every 10 ms during the scans, uncollected garbage included");
        f.put("pairs_faiss", "IndexFlatIP.range_search(X, " + PairsSuite.MIN_SCORE + ") with all n vectors as "
                + "queries, then the pairs i < j counted (self-matches and the mirrored half dropped), both inside "
                + "each timed run; FAISS scores all n² pairs where simdex scores the n(n-1)/2 with i < j, and keeps "
                + "scores > " + PairsSuite.MIN_SCORE + "; its own seeded vectors with the same share of near copies, "
                + "so pair counts are close, not equal; warm-up at sizes up to " + PairsSuite.LARGEST_WARMED_UP
                + " only, a single timed run from " + PairsSuite.PEER_SINGLE_RUN_FROM + " vectors; memory = the "
                + "Python process's resident set (VmRSS before and after the scans, VmHWM reset before them for the "
                + "peak), interpreter and libraries included");
        f.put("http", "closed loop: each client sends a request, waits for the answer and sends the next at once, "
                + "also after a 429 (no Retry-After pause); an answer counts when it arrives in the measured window, "
                + "after the warm-up; ok/s = 200s ÷ window seconds; p50 and p99 are nearest-rank over the 200s "
                + "(the ceil(p/100·n)-th smallest); throughput ratio = ok/s ÷ the peer row's ok/s; p99 ratio = p99 ÷ the "
                + "peer row's p99; clients, server and peers share one JVM on loopback");
        return f;
    }
}
