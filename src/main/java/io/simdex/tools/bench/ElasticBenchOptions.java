package io.simdex.tools.bench;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What the Elasticsearch suite measures: which cluster, how its new indices are laid out, and how much it writes
 * and asks.
 *
 * @param url           the cluster's HTTP address
 * @param vectorIndexes the {@code index_options.type} values to measure search with, e.g. {@code int8_hnsw}
 * @param shards        primary shards of every index the suite creates
 * @param replicas      replicas of each shard (1 on a two-node cluster puts a copy on each node)
 * @param importPapers  papers the import comparison writes into Elasticsearch and into SQLite
 * @param queries       timed single queries per index (each also counts for recall@10)
 * @param numCandidates the {@code elasticsearch.num-candidates} values each approximate index is searched with
 * @param oversample    the {@code elasticsearch.oversample} values each int8 index is searched with
 * @param mergeSegments segments per shard each loaded index is merged down to before it is searched; 0: no merge
 */
public record ElasticBenchOptions(URI url, List<String> vectorIndexes, int shards, int replicas, int importPapers,
                                  int queries, List<Integer> numCandidates, List<Float> oversample,
                                  int mergeSegments) {

    /** Untimed queries before the timed ones, so caches and JIT are warm on both sides. */
    static final int WARMUP_QUERIES = 20;

    public ElasticBenchOptions {
        Objects.requireNonNull(url, "url");
        vectorIndexes = List.copyOf(vectorIndexes);
        if (vectorIndexes.isEmpty()) {
            throw new IllegalArgumentException("--es-index-options needs at least one of flat, int8_flat, int8_hnsw");
        }
        if (shards < 1 || replicas < 0) {
            throw new IllegalArgumentException("--es-shards must be >= 1 and --es-replicas >= 0, got " + shards
                    + " and " + replicas);
        }
        numCandidates = List.copyOf(numCandidates);
        oversample = List.copyOf(oversample);
        if (numCandidates.isEmpty() || oversample.isEmpty()) {
            throw new IllegalArgumentException("--es-num-candidates and --es-oversample need at least one value each");
        }
        if (mergeSegments < 0) {
            throw new IllegalArgumentException("--es-merge-segments must be >= 0 (0: no merge), got " + mergeSegments);
        }
        if (importPapers < 1 || queries < 1) {
            throw new IllegalArgumentException("--es-import-papers and --es-queries must be >= 1, got "
                    + importPapers + " and " + queries);
        }
    }
}
