package io.simdex.tools.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.simdex.encode.Pools;
import io.simdex.launch.Launcher;
import io.simdex.store.elastic.ElasticOptions;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code simdex bench}: measures the encoder and the index against peers and the machine's ceilings. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure simdex's encoder and index against peers in the same run, next to the machine's memory "
                    + "bandwidth, fp32 FMA peak and ONNX Runtime GEMM speed (OpenBLAS sgemm as an extra), and time the exact all-pairs scan next to FAISS range search; write "
                    + "results.json, results.md and search-latency.svg.",
            "Peers (langchain4j, Lucene) are in the bench build only: mvn -Pbench -DskipTests package, then "
                    + "java --add-modules jdk.incubator.vector -Xmx8g -jar target/simdex-bench.jar bench. "
                    + "FAISS and sgemm need Python with numpy and faiss (see docs/BENCHMARKS.md)."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SUITE",
            description = "encode, search, pairs, http, elasticsearch or all (default: all, which is every suite but "
                    + "http and elasticsearch).")
    List<String> suites = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the results (default: docs/bench).")
    Path out = Path.of("docs", "bench");

    @Option(names = "--quick", description = "Smoke run: small sizes, few papers, short budgets; results say so.")
    boolean quick;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Vector counts to search (default 10000,100000,1000000; --quick: 10000,50000).")
    List<Integer> sizes;

    @Option(names = "--pair-sizes", split = ",", paramLabel = "N",
            description = "Vector counts for the all-pairs scan (default 772,10000,100000; --quick: 772,5000).")
    List<Integer> pairSizes;

    @Option(names = "--threads", split = ",", paramLabel = "T",
            description = "Thread counts for search and the all-pairs scan (default 1,2).")
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--iterations", paramLabel = "N",
            description = "Most timed runs per search or pairs configuration (default 30; --quick: 5).")
    Integer iterations;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs first (default 5; --quick: 1).")
    Integer warmup;

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "Time budget per configuration, after at least 3 runs (default 20; --quick: 3).")
    Double maxSeconds;

    @Option(names = "--papers", paramLabel = "N",
            description = "Bundled papers per encoding pass (default 256; --quick: 32).")
    Integer papers;

    @Option(names = "--short-queries", paramLabel = "N",
            description = "Titles timed one at a time per encoder (default 50; --quick: 10).")
    Integer shortQueries;

    @Option(names = "--encode-passes", paramLabel = "N",
            description = "Most timed passes over the papers per encoder (default 3; --quick: 1).")
    Integer encodePasses;

    @Option(names = "--batch-tokens", paramLabel = "N",
            description = "simdex's padded tokens per bulk model call (default: model.batch-tokens' default).")
    int batchTokens = Pools.DEFAULT_BATCH_TOKENS;

    @Option(names = "--batch", paramLabel = "N", description = "Queries per batch search (default 64).")
    int batch = 64;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic vectors (default 42).")
    long seed = 42;

    @Option(names = "--model-cache", paramLabel = "DIR", description = "Folder with the unpacked models (default model-cache).")
    Path modelCache = Path.of("model-cache");

    @Option(names = "--python", paramLabel = "PATH",
            description = "Python with numpy and faiss for FAISS and sgemm, or 'none' (default /usr/bin/python3).")
    String python = "/usr/bin/python3";

    @Option(names = "--peer", paramLabel = "KEY=VALUE",
            description = "Peer option, e.g. langchain4j.store.max-vectors=1000000. Repeatable.")
    Map<String, String> peerOptions = new LinkedHashMap<>();

    @Option(names = "--http-seconds", paramLabel = "S",
            description = "http suite: measured seconds per load run (default 10; --quick: 3).")
    Double httpSeconds;

    @Option(names = "--http-warmup", paramLabel = "S",
            description = "http suite: seconds of untimed load before each run (default 3; --quick: 1).")
    Double httpWarmup;

    @Option(names = "--http-zipf", paramLabel = "S",
            description = "http suite: Zipf exponent of the repeated-query search mix (default 1.0; 0: leave it out).")
    Double httpZipf;

    @Option(names = "--http-scenarios", split = ",", paramLabel = "NAME",
            description = "http suite: the scenarios to run, some of lookup, search, overload (default: all).")
    List<String> httpScenarios = LoadOptions.SCENARIOS;

    @Option(names = "--http-zipf-queries", paramLabel = "N",
            description = "http suite: distinct queries the repeated-query mix draws from (default 5000).")
    Integer httpZipfQueries;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "http suite: a service setting by its dotted key, as simdex serve --set takes it, e.g. "
                    + "--set api.max-queued-encodes=8. Repeatable.")
    Map<String, String> serviceSettings = new LinkedHashMap<>();

    @Option(names = "--es-url", paramLabel = "URL",
            description = "elasticsearch suite: the cluster, e.g. http://127.0.0.1:9200 (see .ci/elasticsearch).")
    URI esUrl;

    @Option(names = "--es-index-options", split = ",", paramLabel = "TYPE",
            description = "elasticsearch suite: vector index types to search (default int8_flat,int8_hnsw); the "
                    + "first also takes the import.")
    List<String> esIndexOptions = List.of("int8_flat", "int8_hnsw");

    @Option(names = "--es-shards", paramLabel = "N", description = "elasticsearch suite: primary shards (default 1).")
    int esShards = 1;

    @Option(names = "--es-replicas", paramLabel = "N",
            description = "elasticsearch suite: replicas of each shard (default 0; 1 on a two-node cluster).")
    int esReplicas;

    @Option(names = "--es-import-papers", paramLabel = "N",
            description = "elasticsearch suite: papers imported into SQLite and Elasticsearch (default 20000; "
                    + "--quick: 2000).")
    Integer esImportPapers;

    @Option(names = "--es-queries", paramLabel = "N",
            description = "elasticsearch suite: timed queries per index (default 500; --quick: 50).")
    Integer esQueries;

    @Option(names = "--es-num-candidates", split = ",", paramLabel = "N",
            description = "elasticsearch suite: elasticsearch.num-candidates values each int8_hnsw index is searched "
                    + "with (default 100).")
    List<Integer> esNumCandidates = List.of(ElasticOptions.Knn.DEFAULT.numCandidates());

    @Option(names = "--es-oversample", split = ",", paramLabel = "F",
            description = "elasticsearch suite: elasticsearch.oversample values each int8 index is searched with "
                    + "(default 3; 0: no float32 rescoring).")
    List<Float> esOversample = List.of(ElasticOptions.Knn.DEFAULT.oversample());

    @Option(names = "--es-merge-segments", paramLabel = "N",
            description = "elasticsearch suite: merge each loaded index down to at most N segments per shard before "
                    + "searching it (default 1; 0: no merge).")
    int esMergeSegments = 1;

    @Option(names = "--verbose", description = "On failure, print the stack trace after the one-line message.")
    boolean verbose;

    @Override
    public Integer call() {
        BenchOptions options = options();
        return Launcher.run(verbose, () -> {
            BenchResults results = Benchmark.run(options, System.err);
            for (Path written : BenchReport.write(results, out)) {
                System.err.println("[bench] wrote " + written);
            }
            System.out.print(BenchReport.markdown(results));
            return 0;
        });
    }

    private BenchOptions options() {
        var chosen = EnumSet.noneOf(BenchOptions.Suite.class);
        for (String s : suites.isEmpty() ? List.of("all") : suites) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "all" -> chosen.addAll(EnumSet.complementOf(EnumSet.of(BenchOptions.Suite.HTTP)));
                case "encode" -> chosen.add(BenchOptions.Suite.ENCODE);
                case "search" -> chosen.add(BenchOptions.Suite.SEARCH);
                case "pairs" -> chosen.add(BenchOptions.Suite.PAIRS);
                case "http" -> chosen.add(BenchOptions.Suite.HTTP);
                case "elasticsearch" -> chosen.add(BenchOptions.Suite.ELASTICSEARCH);
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown suite '" + s + "'; choose encode, search, pairs, http, elasticsearch or all");
            }
        }
        try {
            return new BenchOptions(chosen,
                    sizes != null ? sizes : quick ? List.of(10_000, 50_000) : List.of(10_000, 100_000, 1_000_000),
                    pairSizes != null ? pairSizes : quick ? List.of(772, 5_000) : List.of(772, 10_000, 100_000),
                    threads,
                    orDefault(iterations, 30, 5), orDefault(warmup, 5, 1),
                    maxSeconds != null ? maxSeconds : quick ? 3.0 : 20.0,
                    orDefault(papers, 256, 32), orDefault(shortQueries, 50, 10), orDefault(encodePasses, 3, 1),
                    batchTokens, batch, seed, modelCache,
                    python.equalsIgnoreCase("none") ? null : Path.of(python), peerOptions, quick, load(),
                    esUrl == null ? null : new ElasticBenchOptions(esUrl, esIndexOptions, esShards, esReplicas,
                            orDefault(esImportPapers, 20_000, 2_000), orDefault(esQueries, 500, 50),
                            esNumCandidates, esOversample, esMergeSegments));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
    }

    private LoadOptions load() {
        LoadOptions defaults = LoadOptions.defaults(quick);
        return new LoadOptions(httpWarmup != null ? httpWarmup : defaults.warmupSeconds(),
                httpSeconds != null ? httpSeconds : defaults.measuredSeconds(), serviceSettings,
                httpZipf != null ? httpZipf : defaults.zipfExponent(),
                httpZipfQueries != null ? httpZipfQueries : defaults.zipfQueries(), Set.copyOf(httpScenarios));
    }

    private int orDefault(Integer given, int full, int smoke) {
        return given != null ? given : quick ? smoke : full;
    }
}
