package io.simdex.tools.bench;

import io.simdex.encode.EncoderException;
import io.simdex.kernels.VectorMath;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
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
        progress.printf("[bench] %s, %d cores, %s, max heap %d MiB; model.precision auto here: %s%n",
                machine.cpuModel(), machine.cores(), machine.jvm(), machine.maxHeapMiB(), machine.autoPrecision());
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
        Set<Integer> ceilingThreads = ceilingThreads(encoderPeers);
        var ceilings = new ArrayList<BenchResults.Ceiling>();
        if (options.suites().contains(BenchOptions.Suite.ENCODE) || options.suites().contains(BenchOptions.Suite.SEARCH)) {
            // per core, and on every core, besides the thread counts the rows use
            var fmaThreads = new TreeSet<>(ceilingThreads);
            fmaThreads.add(1);
            fmaThreads.add(machine.cores());
            measureFmaPeak(fmaThreads, ceilings);
        }
        if (options.suites().contains(BenchOptions.Suite.ENCODE)) {
            measureOrtGemm(encoderCores(encoderPeers), ceilings);
        }
        var limits = new ComputeLimits(ceilings);
        var sgemm = new ArrayList<BenchResults.Sgemm>();
        Map<Integer, Double> gflops = new LinkedHashMap<>();
        located.peer().ifPresent(python -> measureSgemm(python, ceilingThreads, sgemm, gflops));

        var encodeRows = new ArrayList<BenchResults.EncodeRow>();
        if (options.suites().contains(BenchOptions.Suite.ENCODE)) {
            var peerCandidates = new ArrayList<EncoderCandidate>();
            for (EncoderPeer peer : encoderPeers) {
                peerCandidates.addAll(peer.candidates());
            }
            var suite = new EncodeSuite(options, progress);
            encodeRows.addAll(suite.run(peerCandidates, limits, gflops));
            encodeRows.stream().filter(row -> row.computeLimitFraction() != null && row.computeLimitFraction() > 1)
                    .forEach(row -> note(row.system() + " " + row.precision() + " " + row.maxTokens() + " tokens, "
                            + row.threads() + ": faster than the measured ceiling (" + row.computeLimit()
                            + "), so that ceiling is too low for this machine"));
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
            var fp32 = new LinkedHashMap<Integer, Double>();
            for (int t : options.threads()) {
                Double limit = limits.fp32Gflops(t);
                if (limit != null) {
                    fp32.put(t, limit);
                }
            }
            searchRows.addAll(suite.rows(fp32));
        }
        var pairsRows = new ArrayList<BenchResults.PairsRow>();
        if (options.suites().contains(BenchOptions.Suite.PAIRS)) {
            var suite = new PairsSuite(options, progress);
            located.peer().ifPresent(python -> measureFaissPairs(python, suite));
            pairsRows.addAll(suite.run());
        }
        var elasticRows = new ArrayList<BenchResults.ElasticRow>();
        if (options.suites().contains(BenchOptions.Suite.ELASTICSEARCH)) {
            elasticRows.addAll(new ElasticSuite(options, progress).run());
        }
        var httpRows = new ArrayList<BenchResults.HttpRow>();
        if (options.suites().contains(BenchOptions.Suite.HTTP)) {
            var suite = new HttpSuite(options, progress);
            httpRows.addAll(suite.run());
            suite.notes().forEach(this::note);
        }
        return new BenchResults(options.quick() ? "quick smoke run" : "full run", machine, options, ceilings, sgemm,
                memory,
                encodeRows, searchRows, pairsRows, httpRows, elasticRows, new ArrayList<>(notes), formulas());
    }

    /** Every thread count search asks for, plus the cores each encoder layout keeps busy. */
    private Set<Integer> ceilingThreads(List<EncoderPeer> encoderPeers) {
        var threads = new TreeSet<Integer>();
        if (options.suites().contains(BenchOptions.Suite.SEARCH)) {
            threads.addAll(options.threads());
        }
        threads.addAll(encoderCores(encoderPeers));
        return threads;
    }

    /** The cores each encoder layout keeps busy, when the encode suite runs. */
    private Set<Integer> encoderCores(List<EncoderPeer> encoderPeers) {
        var threads = new TreeSet<Integer>();
        if (options.suites().contains(BenchOptions.Suite.ENCODE)) {
            SimdexCandidates.encoders(options.modelCache(), options.batchTokens())
                    .forEach(c -> threads.add(c.coresUsed()));
            encoderPeers.forEach(p -> p.candidates().forEach(c -> threads.add(c.coresUsed())));
        }
        return threads;
    }

    /** Time per ceiling measurement: short, since these loops reach their speed within milliseconds. */
    private Sampler.Budget ceilingBudget() {
        return new Sampler.Budget(2, 30, Duration.ofMillis(options.quick() ? 400 : 2_000));
    }

    private void measureFmaPeak(Set<Integer> threads, List<BenchResults.Ceiling> out) throws Exception {
        for (int t : threads) {
            BenchResults.Ceiling peak = FmaPeak.measure(t, ceilingBudget());
            out.add(peak);
            progress.printf("[bench] FMA peak, %s: %.1f GFLOP/s (%s)%n", peak.layout(), peak.gflops(), peak.detail());
        }
    }

    /**
     * ONNX Runtime's fp32 and int8 products on every core count an encoder row uses, in both of the encoder's
     * layouts (t workers × 1 ORT thread, 1 worker × t ORT threads); a failure is noted and ends these probes.
     */
    private void measureOrtGemm(Set<Integer> cores, List<BenchResults.Ceiling> out) throws Exception {
        for (String precision : List.of("fp32", "int8")) {
            for (int t : cores) {
                for (int[] layout : t == 1 ? new int[][] {{1, 1}} : new int[][] {{t, 1}, {1, t}}) {
                    try {
                        BenchResults.Ceiling gemm = OrtGemm.measure(precision, options.batchTokens(), layout[0],
                                layout[1], ceilingBudget());
                        out.add(gemm);
                        progress.printf("[bench] ONNX Runtime %s GEMM, %s: %.1f G%s/s (%s)%n", precision,
                                gemm.layout(), gemm.gflops(), precision.equals("fp32") ? "FLOP" : "OP", gemm.detail());
                    } catch (EncoderException e) {
                        note("ONNX Runtime GEMM ceiling skipped: " + e.getMessage());
                        return;
                    }
                }
            }
        }
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
        f.put("compute_limit_fraction", "achieved GFLOP/s (encode_flops of one pass ÷ median pass time) ÷ the compute "
                + "limit on as many threads as the layout keeps busy (workers × ORT threads): for fp32 rows the higher of "
                + "fma_peak and ort_gemm fp32, for int8 rows ort_gemm int8; a row faster than its limit prints 'above the "
                + "ceiling: ceiling too low' instead of a percentage, and a note says so");
        f.put("fma_peak", "each thread runs VectorMath.fmaBurst: " + VectorMath.FMA_CHAINS
                + " independent chains acc = acc·x + y on FloatVector registers of the preferred width, no memory "
                + "access; GFLOP/s = 2 × lanes × FMAs ÷ the fastest run's time, all threads at once, on 1 thread, on every core and on "
                + "each thread count a row uses");
        f.put("ort_gemm", "io.simdex.encode.GemmProbe: a one-product ONNX model built in memory, [batch tokens, " + OrtGemm.K + "] × [" + OrtGemm.K + ", " + OrtGemm.N + "] (the feed-forward up-projection over "
                + "one bulk batch of the encoder), fp32 MatMul or int8 DynamicQuantizeLinear + "
                + "MatMulInteger (the int8 export's operators), one session per worker as OnnxEncoder; "
                + "2·m·k·n × workers ÷ the fastest run's time (int8: integer operations)");
        f.put("sgemm", "numpy float32 matmul of two n×n matrices, 2·n³ FLOPs ÷ median time, OPENBLAS_NUM_THREADS = "
                + "threads; an extra reference, not a limit (a slow BLAS kernel is beaten by the encoder)");
        f.put("sgemm_fraction", "achieved GFLOP/s ÷ sgemm GFLOP/s on as many threads; can pass 100 %");
        f.put("memory_floor", "n × bytes scanned per vector ÷ streaming-read bandwidth (GB/s, same n and threads); for a "
                + "batch, divided by the queries per call, since one pass can serve them all");
        f.put("compute_floor", "2 · n · d FLOPs per query ÷ the fp32 compute limit on the same threads "
                + "(the higher of fma_peak and ort_gemm fp32); "
                + "FLOAT32 storage only");
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
