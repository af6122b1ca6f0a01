package io.simdex.tools.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as written to {@code results.json}. Derived numbers (rates, floors, ratios)
 * are stored next to the raw statistics they come from, so readers need not recompute them. Absent values
 * are {@code null}: not measured, or not applicable.
 *
 * @param label "quick smoke run" or "full run"
 * @param machine the machine facts
 * @param options the run's settings
 * @param ceilings the compute ceilings: the FMA peak per thread count and ONNX Runtime's fp32 and int8 products
 *                 per thread layout
 * @param sgemm numpy/OpenBLAS sgemm per thread count, an extra reference (not a ceiling: a slow BLAS kernel can
 *              be beaten by the encoder)
 * @param memory the memory-bandwidth floor per vector count and thread count
 * @param encode one row per encoder configuration
 * @param search one row per search configuration, vector count and mode
 * @param pairs one row per all-pairs system, vector count and thread count
 * @param http one row per HTTP load run: the API and its peers
 * @param elasticsearch one row per Elasticsearch import, load or search, with simdex's store or index beside it
 * @param notes skipped peers and configurations, and why
 * @param formulas how derived numbers are computed
 */
public record BenchResults(String label, MachineInfo machine, BenchOptions options, List<Ceiling> ceilings,
                           List<Sgemm> sgemm,
                           List<Bandwidth> memory, List<EncodeRow> encode, List<SearchRow> search,
                           List<PairsRow> pairs, List<HttpRow> http, List<ElasticRow> elasticsearch,
                           List<String> notes, Map<String, String> formulas) {

    public BenchResults {
        ceilings = List.copyOf(ceilings);
        sgemm = List.copyOf(sgemm);
        memory = List.copyOf(memory);
        encode = List.copyOf(encode);
        search = List.copyOf(search);
        pairs = List.copyOf(pairs);
        http = List.copyOf(http);
        elasticsearch = List.copyOf(elasticsearch);
        notes = List.copyOf(notes);
        formulas = Map.copyOf(formulas);
    }

    /**
     * One measured compute ceiling.
     *
     * @param probe {@link #FMA_PEAK} or {@link #ORT_GEMM}
     * @param precision {@code fp32} or {@code int8}
     * @param threads cores kept busy
     * @param layout how, e.g. {@code 2 threads} or {@code 2 workers × 1 ORT thread}
     * @param run time per timed run
     * @param gflops FLOPs (int8: integer multiply-adds × 2) per run ÷ the fastest run's time, in 10^9 per second:
     *               a ceiling is what the machine can do, and other work on it (the JIT compiler at start-up,
     *               another process) only slows runs down
     * @param detail what exactly ran: the kernel, or the operators and shape
     */
    public record Ceiling(String probe, String precision, int threads, String layout, Stats run, double gflops,
                          String detail) {
        public static final String FMA_PEAK = "FMA peak (Vector API)";
        public static final String ORT_GEMM = "ONNX Runtime GEMM";
    }

    /** Matrix-multiply speed with numpy/BLAS: {@code 2·n³ FLOPs / median time}. */
    public record Sgemm(int threads, int n, Stats pass, double gflops, String blas) {
    }

    /** Streaming-read speed over the same bytes as a FLOAT32 index of {@code n} vectors. */
    public record Bandwidth(int n, int threads, long bytes, Stats pass, double gbPerSecond, String kernel) {
    }

    /**
     * One encoder configuration.
     *
     * @param texts papers per pass
     * @param tokens tokens the model read per pass (each text's length cut at {@code maxTokens})
     * @param gflopPerPass useful matmul work per pass, see {@link MiniLmFlops}
     * @param pass time per pass over the papers
     * @param achievedGflops {@code gflopPerPass / median pass seconds}
     * @param computeLimitFraction {@code achievedGflops / computeLimitGflops}, or null; above 1 means the ceiling
     *                             was measured too low (the report then says so instead of a percentage)
     * @param computeLimitGflops the highest measured ceiling of the row's precision on {@code coresUsed} threads
     *                           (see {@link ComputeLimits}), or null
     * @param computeLimit which ceiling that is, e.g. {@code FMA peak (Vector API), 2 threads}, or null
     * @param sgemmFraction {@code achievedGflops / OpenBLAS sgemm GFLOP/s on coresUsed threads}, an extra
     *                      reference that can pass 1, or null
     * @param shortQuery time to encode one paper title
     * @param cosineToSimdex mean cosine to simdex's vectors of the same precision and token budget, or null
     * @param loadSeconds time to load the model
     */
    public record EncodeRow(String system, String variant, String precision, int maxTokens, String threads,
                            int coresUsed, int texts, long tokens, double gflopPerPass, Stats pass,
                            double abstractsPerSecond, double tokensPerSecond, double achievedGflops,
                            Double computeLimitFraction, Double computeLimitGflops, String computeLimit,
                            Double sgemmFraction, Stats shortQuery, Double cosineToSimdex, double loadSeconds) {
    }

    /**
     * One search configuration at one vector count, in one mode.
     *
     * @param mode {@code single} (one query per call) or {@code batch} ({@code queriesPerCall} per call)
     * @param perQuery time per query: a call's time divided by {@code queriesPerCall}
     * @param queriesPerSecond {@code 1000 / perQuery median}
     * @param memoryFloorMs {@code n · scannedBytesPerVector / bandwidth(threads)}, divided by
     *                      {@code queriesPerCall} (one pass serves the whole batch); null when not measured
     * @param computeFloorMs {@code 2 · n · d FLOPs / fp32 compute limit(threads)} per query (see
     *                       {@link ComputeLimits}); null for INT8 storage or when no limit was measured
     * @param boundRatio {@code perQuery median / max(memory floor, compute floor)}: 1.0 is the machine's limit
     * @param recallAt10 overlap with the first simdex FLOAT32 row's top 10 over the same queries; null for
     *                   systems built from other vectors (FAISS)
     */
    public record SearchRow(int n, String system, String variant, String storage, int threads, String mode,
                            int queriesPerCall, Stats perQuery, double queriesPerSecond, Double buildSeconds,
                            long scannedBytesPerVector, Double memoryFloorMs, Double computeFloorMs,
                            Double boundRatio, @JsonProperty("recall_at_10") Double recallAt10) {
    }

    /**
     * The exact all-pairs scan at one vector count and thread count: simdex's
     * {@code FlatIndex.pairsAtOrAbove(minScore)}, or FAISS's {@code IndexFlatIP.range_search(X, minScore)} with
     * every vector as a query (its own vectors, made the same way, so its pair count is close, not equal).
     *
     * @param system {@code simdex} or {@code FAISS}
     * @param variant what exactly ran (library versions for FAISS)
     * @param nearCopyFraction share of the vectors replaced by near copies of earlier ones, so that pairs above
     *                         the threshold exist
     * @param scan time per scan
     * @param medianSeconds {@code scan.medianMs / 1000}
     * @param pairs pairs {@code i < j} found at or above {@code minScore} (FAISS: above)
     * @param indexHeapMiB the index's vector storage on the heap; null for FAISS (native memory)
     * @param heapBeforeMiB heap in use after a full GC, index built, before the scans (the generated vectors
     *                      and the index included); null for FAISS
     * @param heapAfterMiB heap in use after a full GC once the scans are done, the last scan's pairs still held;
     *                     null for FAISS
     * @param peakHeapMiB the most heap in use seen by sampling during the scans, uncollected garbage included;
     *                    null for FAISS
     * @param rssBeforeMiB FAISS only: the Python process's resident memory (VmRSS), index built, before the scans
     *                     (interpreter, libraries and the generated vectors included)
     * @param rssAfterMiB FAISS only: VmRSS after the scans, the last result held
     * @param peakRssMiB FAISS only: the most resident memory during the scans (VmHWM, reset before them); null
     *                   where the kernel does not allow the reset
     * @param fullMatrixMiB what an {@code n × n} float matrix of scores would take, for scale
     */
    public record PairsRow(String system, String variant, int n, int dimension, String storage, int threads,
                           float minScore, double nearCopyFraction, Stats scan, double medianSeconds, int pairs,
                           Double indexHeapMiB, Double heapBeforeMiB, Double heapAfterMiB, Double peakHeapMiB,
                           Double rssBeforeMiB, Double rssAfterMiB, Double peakRssMiB, double fullMatrixMiB) {

        /** An {@code n × n} float matrix in MiB. */
        static double fullMatrixMiB(int n) {
            return (double) n * n * Float.BYTES / (1024.0 * 1024.0);
        }
    }

    /**
     * One closed-loop load run against the HTTP API or a peer in the same JVM.
     *
     * @param scenario {@code lookup}, {@code search} or {@code overload}
     * @param target what was loaded: a route, the bare Javalin, or in-process encoding
     * @param clients concurrent clients, each with one request open at a time
     * @param seconds the measured window
     * @param answers answers that arrived in the window
     * @param ok answers with status 200
     * @param refused answers with status 429
     * @param other any other answer, and requests that got none (status 0 in {@code statuses})
     * @param statuses answers per status
     * @param okPerSecond {@code ok / seconds}
     * @param refusedShare {@code refused / answers}
     * @param okLatency latencies of the 200s, or null when there were none
     * @param refusedLatency latencies of the 429s, or null when there were none
     * @param comparedTo the target of the peer row in the same run this row is compared with, or null
     * @param throughputRatio {@code okPerSecond / the peer's okPerSecond}
     * @param p99Ratio {@code okLatency.p99Ms / the peer's okLatency.p99Ms}
     */
    public record HttpRow(String scenario, String target, int clients, double seconds, long answers, long ok,
                          long refused, long other, Map<Integer, Long> statuses, double okPerSecond,
                          double refusedShare, Latency okLatency, Latency refusedLatency, String comparedTo,
                          Double throughputRatio, Double p99Ratio) {

        public HttpRow {
            statuses = Map.copyOf(statuses);
        }
    }

    /**
     * One measurement of the Elasticsearch suite.
     *
     * @param measure {@code import} (papers with their vectors and terms, until searchable), {@code load} (synthetic
     *                vectors, until searchable) or {@code search} (single top-10 kNN queries, one after another)
     * @param system {@code Elasticsearch}, {@code SQLite} or {@code simdex} (the in-process FlatIndex)
     * @param variant the store call or index, and the index's type, shards and replicas
     * @param n papers or vectors
     * @param seconds wall time of the import or load, refresh included; null for search
     * @param perSecond {@code n / seconds}; null for search
     * @param latency per query, as the caller sees it (for Elasticsearch: HTTP round trip included); null for
     *                import and load
     * @param recallAt10 overlap with the exact FLOAT32 FlatIndex's top 10 over the same queries; null for import
     *                   and load
     */
    public record ElasticRow(String measure, String system, String variant, int n, Double seconds,
                             Double perSecond, Latency latency, @JsonProperty("recall_at_10") Double recallAt10) {
    }
}
