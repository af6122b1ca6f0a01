package io.simdex.tools.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one {@code simdex bench} run measures and how long it may spend.
 *
 * @param suites which parts run
 * @param sizes vector counts for the search suite
 * @param pairSizes vector counts for the all-pairs suite
 * @param threads thread counts for search, the all-pairs scan, the memory floor and sgemm
 * @param iterations the most timed runs per search configuration (one query, or one batch)
 * @param warmup untimed runs before them
 * @param maxSecondsPerConfig timed runs of one configuration stop after this many seconds, once 3 are done
 * @param papers how many bundled papers the encoding suite encodes per pass
 * @param shortQueries how many short texts (paper titles) time single-query encoding
 * @param encodePasses the most timed passes over the papers per encoder configuration
 * @param batchTokens simdex's padded tokens per bulk model call
 * @param batch queries per batch search
 * @param seed seed of the synthetic vectors
 * @param modelCache folder holding the unpacked models
 * @param python interpreter for FAISS and sgemm, or {@code null} to skip them
 * @param peerOptions {@code --peer} flags handed to search peers
 * @param quick whether this is a smoke run (results are labelled so)
 * @param load durations and service settings of the HTTP suite
 * @param elasticsearch the cluster and layout the Elasticsearch suite measures, or {@code null} when it does not run
 */
public record BenchOptions(Set<Suite> suites, List<Integer> sizes, List<Integer> pairSizes, List<Integer> threads,
                           int iterations, int warmup, double maxSecondsPerConfig, int papers, int shortQueries,
                           int encodePasses, int batchTokens, int batch, long seed, Path modelCache, Path python,
                           Map<String, String> peerOptions, boolean quick, LoadOptions load,
                           ElasticBenchOptions elasticsearch) {

    /**
     * The parts of a run; {@code all} means every one but {@code HTTP}, which starts the whole service, and
     * {@code ELASTICSEARCH}, which needs a cluster.
     */
    public enum Suite { ENCODE, SEARCH, PAIRS, HTTP, ELASTICSEARCH }

    /** Results count the best {@value} hits, as the service's default request does. */
    public static final int TOP_K = 10;

    /** Embedding width of all-MiniLM-L6-v2, and so of the synthetic vectors. */
    public static final int DIMENSION = 384;

    public BenchOptions {
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("choose at least one suite: encode, search, pairs, http or all");
        }
        suites = Collections.unmodifiableSet(EnumSet.copyOf(suites));
        sizes = List.copyOf(sizes);
        pairSizes = List.copyOf(pairSizes);
        threads = List.copyOf(threads);
        peerOptions = Map.copyOf(peerOptions);
        if (!(maxSecondsPerConfig > 0) || !Double.isFinite(maxSecondsPerConfig)) {
            throw new IllegalArgumentException("--max-seconds must be a number > 0, got " + maxSecondsPerConfig);
        }
        Objects.requireNonNull(modelCache, "modelCache");
        Objects.requireNonNull(load, "load");
        for (int n : sizes) {
            if (n < TOP_K || (long) n * DIMENSION > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("--sizes values must be " + TOP_K + ".."
                        + (Integer.MAX_VALUE - 8) / DIMENSION + ", got " + n);
            }
        }
        for (int n : pairSizes) {
            if (n < 2 || (long) n * DIMENSION > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("--pair-sizes values must be 2.."
                        + (Integer.MAX_VALUE - 8) / DIMENSION + ", got " + n);
            }
        }
        for (int t : threads) {
            if (t < 1 || t > 256) {
                throw new IllegalArgumentException("--threads values must be 1..256, got " + t);
            }
        }
        requireAtLeast("--iterations", iterations, 1);
        requireAtLeast("--warmup", warmup, 0);
        requireAtLeast("--papers", papers, 1);
        requireAtLeast("--short-queries", shortQueries, 1);
        requireAtLeast("--encode-passes", encodePasses, 1);
        requireAtLeast("--batch", batch, 1);
        if (batchTokens < 16 || batchTokens > 65_536) {
            throw new IllegalArgumentException("--batch-tokens must be 16..65536, got " + batchTokens);
        }
        if (suites.contains(Suite.SEARCH) && (sizes.isEmpty() || threads.isEmpty())) {
            throw new IllegalArgumentException("the search suite needs at least one --sizes and one --threads value");
        }
        if (suites.contains(Suite.ELASTICSEARCH) && (elasticsearch == null || sizes.isEmpty())) {
            throw new IllegalArgumentException("the elasticsearch suite needs --es-url and at least one --sizes value");
        }
        if (suites.contains(Suite.PAIRS) && (pairSizes.isEmpty() || threads.isEmpty())) {
            throw new IllegalArgumentException(
                    "the pairs suite needs at least one --pair-sizes and one --threads value");
        }
    }

    /** These options without an Elasticsearch cluster. */
    public BenchOptions(Set<Suite> suites, List<Integer> sizes, List<Integer> pairSizes, List<Integer> threads,
                        int iterations, int warmup, double maxSecondsPerConfig, int papers, int shortQueries,
                        int encodePasses, int batchTokens, int batch, long seed, Path modelCache, Path python,
                        Map<String, String> peerOptions, boolean quick, LoadOptions load) {
        this(suites, sizes, pairSizes, threads, iterations, warmup, maxSecondsPerConfig, papers, shortQueries,
                encodePasses, batchTokens, batch, seed, modelCache, python, peerOptions, quick, load, null);
    }

    /** {@link #maxSecondsPerConfig()} as a duration. */
    Duration maxTimePerConfig() {
        return Duration.ofMillis(Math.round(maxSecondsPerConfig * 1e3));
    }

    /** The budget of one search configuration. */
    Sampler.Budget searchBudget() {
        return new Sampler.Budget(warmup, iterations, maxTimePerConfig());
    }

    private static void requireAtLeast(String flag, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(flag + " must be >= " + min + ", got " + value);
        }
    }
}
