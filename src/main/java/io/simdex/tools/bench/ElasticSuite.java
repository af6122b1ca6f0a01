package io.simdex.tools.bench;

import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;
import io.simdex.index.IndexOptions;
import io.simdex.ingest.ElasticCollection;
import io.simdex.ingest.LiveCollection;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;
import io.simdex.store.StoredEmbedding;
import io.simdex.store.elastic.ElasticOptions;
import io.simdex.store.elastic.ElasticStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Elasticsearch beside simdex's own stores, through {@link ElasticStore} only (the bench never talks to the
 * cluster itself): how fast papers are imported, next to SQLite on the same papers and vectors, and how fast and
 * how well kNN answers on synthetic unit vectors, next to the exact {@link io.simdex.index.FlatIndex}.
 */
final class ElasticSuite {

    /** The model identity the suite's indices are made for; no real model made these vectors. */
    static final String MODEL = "bench-synthetic-" + BenchOptions.DIMENSION;

    /** Names this run's indices apart from earlier runs'. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    /** Synthetic vectors per store call while loading an index for the search measurement. */
    private static final int LOAD_BATCH = 10_000;

    private final BenchOptions options;
    private final ElasticBenchOptions cluster;
    private final PrintStream progress;

    ElasticSuite(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.cluster = options.elasticsearch();
        this.progress = progress;
    }

    /** Imports, then searches at every {@code --sizes} value with every index type. */
    List<BenchResults.ElasticRow> run() throws Exception {
        var rows = new ArrayList<BenchResults.ElasticRow>(imports());
        for (int n : options.sizes()) {
            rows.addAll(search(n));
        }
        return rows;
    }

    /** The bundled papers, repeated with a distinct id and text per copy, up to {@code --es-import-papers}. */
    private List<Paper> papers() {
        List<Paper> corpus = CorpusLoader.load(CorpusLoader.BUNDLED).papers();
        var papers = new ArrayList<Paper>(cluster.importPapers());
        for (int i = 0; i < cluster.importPapers(); i++) {
            Paper p = corpus.get(i % corpus.size());
            int copy = i / corpus.size();
            papers.add(copy == 0 ? p : new Paper(p.id() + "-copy-" + copy, p.title(),
                    p.abstractText() + " (copy " + copy + ")", p.sources(), p.metadata()));
        }
        return papers;
    }

    /**
     * The same papers with the same vectors imported into a new SQLite collection ({@code importPapers}: the file,
     * the in-memory vector index and Lucene's BM25 index) and into a new Elasticsearch index (the first-start
     * seeding of an empty index, which imports through the bulk ingester); the model's time is left out of both.
     */
    private List<BenchResults.ElasticRow> imports() throws IOException {
        List<Paper> papers = papers();
        VectorSet vectors = VectorSet.synthetic(papers.size(), BenchOptions.DIMENSION, options.seed());
        var encoder = new PrecomputedEncoder(papers.stream().map(Paper::embeddingText).toList(), vectors);
        var rows = new ArrayList<BenchResults.ElasticRow>();

        Path folder = Files.createTempDirectory("simdex-bench-sqlite");
        PaperStore sqlite = PaperStore.open(StoreOptions.defaults().withPath(folder.resolve("simdex.db")));
        try (LiveCollection collection = LiveCollection.open(sqlite, encoder, IndexOptions.defaults())) {
            progress.printf(Locale.ROOT, "[bench] elasticsearch: importing %,d papers into SQLite%n", papers.size());
            long start = System.nanoTime();
            collection.importPapers(papers, "bench", Map.of());
            rows.add(importRow("SQLite", "importPapers, store.sync=full", papers.size(), start));
        } finally {
            sqlite.close();
            deleteTree(folder);
        }

        String type = cluster.vectorIndexes().get(0);
        try (ElasticStore store = freshIndex("import", type)) {
            progress.printf(Locale.ROOT, "[bench] elasticsearch: importing %,d papers into %s%n", papers.size(),
                    store.describe());
            long start = System.nanoTime();
            ElasticCollection.open(store, encoder, IndexOptions.defaults(), "bench", () -> new Corpus(papers, List.of()))
                    .close();
            rows.add(importRow("Elasticsearch", "first-start seeding, " + layout(type), papers.size(), start));
        }
        rows.forEach(r -> progress.printf(Locale.ROOT, "[bench] elasticsearch: %s import: %,.0f papers/s%n",
                r.system(), r.perSecond()));
        return rows;
    }

    private BenchResults.ElasticRow importRow(String system, String variant, int papers, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new BenchResults.ElasticRow("import", system, variant, papers, seconds, papers / seconds, null, null);
    }

    /** The exact FlatIndex, then Elasticsearch with each index type, on {@code n} synthetic vectors. */
    private List<BenchResults.ElasticRow> search(int n) throws Exception {
        progress.printf(Locale.ROOT, "[bench] elasticsearch n=%,d: generating %,d unit vectors%n", n, n);
        VectorSet vectors = VectorSet.synthetic(n, BenchOptions.DIMENSION, options.seed());
        float[][] queries = VectorSet.synthetic(cluster.queries(), BenchOptions.DIMENSION, options.seed() + 1)
                .toArrays();
        var rows = new ArrayList<BenchResults.ElasticRow>();
        int[][] reference = new int[queries.length][];
        try (var exact = SimdexIndexAdapter.open(vectors, IndexOptions.Storage.FLOAT32, 1)) {
            Latency latency = time(queries, (q, i) -> reference[i] = exact.search(q, BenchOptions.TOP_K));
            rows.add(new BenchResults.ElasticRow("search", SimdexCandidates.SYSTEM,
                    "FlatIndex FLOAT32, exact, 1 thread, in process", n, null, null, latency, 1.0));
        }
        for (String type : cluster.vectorIndexes()) {
            rows.addAll(searchElastic(n, type, vectors, queries, reference));
        }
        return rows;
    }

    private List<BenchResults.ElasticRow> searchElastic(int n, String type, VectorSet vectors, float[][] queries,
            int[][] reference) throws Exception {
        var rows = new ArrayList<BenchResults.ElasticRow>();
        String name = n + "-" + type.replace('_', '-');
        try (ElasticStore store = freshIndex(name, type)) {
            progress.printf(Locale.ROOT, "[bench] elasticsearch n=%,d: loading %s%n", n, store.describe());
            long start = System.nanoTime();
            store.beginBulkLoad();
            for (int from = 0; from < n; from += LOAD_BATCH) {
                var writes = new ArrayList<ElasticStore.Write>();
                for (int i = from; i < Math.min(n, from + LOAD_BATCH); i++) {
                    var paper = new Paper("v" + i, "", "synthetic vector " + i, List.of());
                    writes.add(new ElasticStore.Write(paper,
                            StoredEmbedding.of(MODEL, paper.embeddingText(), vectors.vector(i), 1, 1), ""));
                }
                store.importAll(writes);
                if ((from / LOAD_BATCH) % 10 == 9) {
                    progress.printf(Locale.ROOT, "[bench] elasticsearch n=%,d: %,d loaded%n", n, from + LOAD_BATCH);
                }
            }
            long merge = System.nanoTime();
            store.endBulkLoad(cluster.mergeSegments());
            var load = importRow("Elasticsearch", "load, " + layout(type) + merged(), n, start);
            progress.printf(Locale.ROOT, "[bench] elasticsearch n=%,d %s: loaded in %.0f s (%,.0f vectors/s; refresh"
                    + " and merge %.0f s)%n", n, type, load.seconds(), load.perSecond(),
                    (System.nanoTime() - merge) / 1e9);
            rows.add(new BenchResults.ElasticRow("load", "Elasticsearch", layout(type) + merged(), n,
                    load.seconds(), load.perSecond(), null, null));
        }
        for (ElasticOptions.Knn knn : knnSettings(type)) {
            try (ElasticStore store = ElasticStore.open(indexOptions(name, type).withKnn(knn), MODEL,
                    BenchOptions.DIMENSION)) {
                int[][] found = new int[queries.length][];
                Latency latency = time(queries, (q, i) -> found[i] = ordinals(store.nearest(
                        new ElasticStore.Nearest(q, BenchOptions.TOP_K, Set.of(), -1f, List.of()))));
                double recall = SearchSuite.recall(reference, found);
                String variant = layout(type) + merged() + ", " + describe(type, knn);
                progress.printf(Locale.ROOT, "[bench] elasticsearch n=%,d %s: p50 %.2f ms, p99 %.2f ms, "
                        + "recall@10 %.3f%n", n, variant, latency.p50Ms(), latency.p99Ms(), recall);
                rows.add(new BenchResults.ElasticRow("search", "Elasticsearch", variant, n, null, null, latency,
                        recall));
            }
        }
        return rows;
    }

    /** The kNN settings to search an index of this type with: candidates only matter to a graph. */
    private List<ElasticOptions.Knn> knnSettings(String type) {
        var indexing = ElasticOptions.VectorIndexing.parse(type);
        var settings = new ArrayList<ElasticOptions.Knn>();
        List<Integer> candidates = indexing == ElasticOptions.VectorIndexing.INT8_HNSW ? cluster.numCandidates()
                : cluster.numCandidates().subList(0, 1);
        List<Float> oversample = indexing.exact() ? List.of(0f) : cluster.oversample();
        for (float o : oversample) {
            for (int c : candidates) {
                settings.add(new ElasticOptions.Knn(c, o));
            }
        }
        return settings;
    }

    private static String describe(String type, ElasticOptions.Knn knn) {
        String rescore = knn.oversample() > 0 ? String.format(Locale.ROOT, "oversample %.1f", knn.oversample())
                : "no rescoring";
        return ElasticOptions.VectorIndexing.parse(type) == ElasticOptions.VectorIndexing.INT8_HNSW
                ? "num_candidates " + knn.candidates(BenchOptions.TOP_K) + ", " + rescore : rescore;
    }

    private String merged() {
        return cluster.mergeSegments() > 0 ? ", merged to " + cluster.mergeSegments() + " segment(s)"
                : ", not merged";
    }

    /** One query of the timed loop: answers query {@code i}. */
    @FunctionalInterface
    private interface Query {
        void ask(float[] query, int i) throws Exception;
    }

    /** Every query once untimed (at most {@link ElasticBenchOptions#WARMUP_QUERIES}), then each once, timed. */
    private static Latency time(float[][] queries, Query query) throws Exception {
        for (int i = 0; i < Math.min(ElasticBenchOptions.WARMUP_QUERIES, queries.length); i++) {
            query.ask(queries[i], i);
        }
        long[] nanos = new long[queries.length];
        for (int i = 0; i < queries.length; i++) {
            long start = System.nanoTime();
            query.ask(queries[i], i);
            nanos[i] = System.nanoTime() - start;
        }
        return Latency.ofNanos(nanos);
    }

    /**
     * A new, empty index of this type with the suite's shards and replicas, named after this run so it cannot hold
     * papers of an earlier one. The suite leaves its indices on the cluster: run it on a throwaway one
     * ({@code .ci/elasticsearch}).
     */
    private ElasticStore freshIndex(String name, String type) {
        return ElasticStore.open(indexOptions(name, type), MODEL, BenchOptions.DIMENSION);
    }

    private ElasticOptions indexOptions(String name, String type) {
        return new ElasticOptions(cluster.url(), "simdex-bench-" + RUN + "-" + name, cluster.shards(),
                cluster.replicas(), ElasticOptions.VectorIndexing.parse(type), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), ElasticOptions.Knn.DEFAULT);
    }

    private String layout(String type) {
        return type + ", " + cluster.shards() + " shard(s), " + cluster.replicas() + " replica(s)";
    }

    private static int[] ordinals(List<ElasticStore.Scored> hits) {
        int[] out = new int[hits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(hits.get(i).id().substring(1));
        }
        return out;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
