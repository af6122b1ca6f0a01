package io.simdex.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;
import io.simdex.index.Hit;
import io.simdex.index.IndexOptions;
import io.simdex.index.SearchRequest;
import io.simdex.lexical.LexicalHit;
import io.simdex.lexical.LuceneLexicalIndex;
import io.simdex.store.StoredEmbedding;
import io.simdex.store.StoredPaper;
import io.simdex.store.WriteResult;
import io.simdex.store.elastic.ElasticStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The collection held by an Elasticsearch cluster: papers, vectors and BM25 terms live in one index, and every read
 * goes to the cluster, so simdex keeps no copy in memory and several simdex processes can serve one index. simdex
 * still encodes (the cluster only compares vectors), analyzes text into English terms, fuses hybrid rankings and
 * explains matches.
 *
 * <p>Writes wait until the cluster's searches see them ({@code refresh=wait_for}); {@code If-Match} versions are
 * checked against the document with {@code if_seq_no}/{@code if_primary_term}.
 */
public final class ElasticCollection implements PaperCollection {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticCollection.class);
    /** Store fact: the corpus location the index was seeded from. */
    static final String SEED_SOURCE = "seed.source";
    /** Store fact: "true" once that import finished. */
    static final String SEED_DONE = "seed.done";
    /** Papers encoded and sent per import step; the bulk ingester splits them into requests. */
    static final int IMPORT_BATCH = 512;

    private final ElasticStore store;
    private final Encoder encoder;
    private final IndexedCorpus indexed;
    private final AtomicLong changes = new AtomicLong();
    private final int encodedAtOpen;

    private ElasticCollection(ElasticStore store, Encoder encoder, IndexOptions scanOptions, int encodedAtOpen) {
        this.store = store;
        this.encoder = encoder;
        this.encodedAtOpen = encodedAtOpen;
        var vectors = new ElasticVectors(store, encoder.dimension(), scanOptions);
        var words = new ElasticWords(store);
        this.indexed = new IndexedCorpus(new ElasticPapers(store), vectors, words, new ElasticPapers.Tokens(store),
                0, this::rankBoth);
    }

    /**
     * Serves the index; when it is new (empty and never seeded), or a seeding was cut short, first imports the
     * corpus into it, as the SQLite store does on first start.
     *
     * @param location    the configured corpus location, kept in the index's metadata
     * @param corpus      reads that corpus; called only when there is something to import
     * @param scanOptions options of the temporary flat index the all-pairs scan reads the vectors into
     */
    public static ElasticCollection open(ElasticStore store, Encoder encoder, IndexOptions scanOptions,
            String location, Supplier<Corpus> corpus) {
        int encoded = seed(store, encoder, scanOptions, location, corpus);
        return new ElasticCollection(store, encoder, scanOptions, encoded);
    }

    private static int seed(ElasticStore store, Encoder encoder, IndexOptions scanOptions, String location,
            Supplier<Corpus> corpus) {
        Optional<String> source = store.fact(SEED_SOURCE);
        boolean done = store.fact(SEED_DONE).map("true"::equals).orElse(false);
        if (source.isPresent() && done) {
            if (!source.get().equals(location)) {
                LOG.info("corpus.path is {} but {} was filled from {}; serving it as it is", location,
                        store.describe(), source.get());
            }
            return 0;
        }
        if (source.isEmpty() && store.count() > 0) {
            return 0; // papers written through the API: not an index to seed
        }
        Corpus papers = corpus.get();
        LOG.info("{} is {}: importing the {} papers of {}", store.describe(), source.isPresent()
                ? "partly seeded" : "empty", papers.size(), source.orElse(location));
        store.setFact(SEED_SOURCE, source.orElse(location));
        var seeding = new ElasticCollection(store, encoder, scanOptions, 0);
        Importer.Report report = seeding.importPapers(papers.papers(), source.orElse(location), Map.of());
        store.setFact(SEED_DONE, "true");
        LOG.info("imported {} papers in {} s: {} new, {} changed, {} already stored; {} encoded", report.papers(),
                String.format("%.1f", report.seconds()), report.created(), report.replaced(), report.unchanged(),
                report.encoded());
        return report.encoded();
    }

    @Override
    public WriteResult put(Paper paper, Optional<Long> expectedVersion) {
        return put(paper, expectedVersion, vectors(List.of(paper)).get(0));
    }

    @Override
    public WriteResult put(Paper paper, Optional<Long> expectedVersion, StoredEmbedding vector) {
        WriteResult result = store.put(write(paper, vector), expectedVersion);
        changes.incrementAndGet();
        return result;
    }

    /** The vectors the index holds for papers whose text is unchanged; the rest encoded now. */
    @Override
    public List<StoredEmbedding> vectors(List<Paper> papers) {
        return vectorsOf(papers).vectors();
    }

    private VectorSource.Vectors vectorsOf(List<Paper> papers) {
        Map<String, ElasticStore.Current> held = store.getAll(papers.stream().map(Paper::id).toList());
        var vectors = new ArrayList<StoredEmbedding>(papers.size());
        var missing = new ArrayList<Integer>();
        for (Paper paper : papers) {
            ElasticStore.Current current = held.get(paper.id());
            String sha = StoredEmbedding.textSha256(paper.embeddingText());
            if (current != null && current.embedding().textSha256().equals(sha)) {
                vectors.add(current.embedding());
            } else {
                missing.add(vectors.size());
                vectors.add(null);
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> fresh = encoder.encode(missing.stream().map(i -> papers.get(i).embeddingText())
                    .toList());
            for (int j = 0; j < missing.size(); j++) {
                Embedding e = fresh.get(j);
                vectors.set(missing.get(j), StoredEmbedding.of(encoder.modelId(),
                        papers.get(missing.get(j)).embeddingText(), e.vector(), e.tokens(), e.tokensEmbedded()));
            }
        }
        return new VectorSource.Vectors(List.copyOf(vectors), missing.size());
    }

    @Override
    public List<WriteResult> putAll(List<Paper> batch, List<StoredEmbedding> vectors) {
        if (vectors.size() != batch.size()) {
            throw new IllegalArgumentException(batch.size() + " papers but " + vectors.size() + " vectors");
        }
        var writes = new ArrayList<ElasticStore.Write>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            writes.add(write(batch.get(i), vectors.get(i)));
        }
        try {
            return store.putAll(writes);
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Imports papers in steps of {@value #IMPORT_BATCH}: each step's new texts are encoded together and sent
     * through the bulk ingester; a step's failed items are reported (all of them, by id) and stop the import.
     *
     * @param facts kept in the index's metadata once the import finished
     */
    @Override
    public Importer.Report importPapers(List<Paper> batch, String label, Map<String, String> facts) {
        long start = System.nanoTime();
        int created = 0;
        int replaced = 0;
        int unchanged = 0;
        int encoded = 0;
        try {
            for (int from = 0; from < batch.size(); from += IMPORT_BATCH) {
                List<Paper> step = batch.subList(from, Math.min(batch.size(), from + IMPORT_BATCH));
                VectorSource.Vectors found = vectorsOf(step);
                encoded += found.encoded();
                var writes = new ArrayList<ElasticStore.Write>(step.size());
                for (int i = 0; i < step.size(); i++) {
                    writes.add(write(step.get(i), found.vectors().get(i)));
                }
                for (WriteResult result : store.importAll(writes)) {
                    switch (result.outcome()) {
                        case CREATED -> created++;
                        case REPLACED -> replaced++;
                        case UNCHANGED -> unchanged++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                int done = from + step.size();
                LOG.info("import {}: {}/{} papers ({} papers/s)", label, done, batch.size(),
                        String.format("%.1f", done / Math.max(seconds, 1e-9)));
            }
        } finally {
            changes.incrementAndGet();
        }
        facts.forEach(store::setFact);
        return new Importer.Report(batch.size(), created, replaced, unchanged, encoded,
                (System.nanoTime() - start) / 1e9);
    }

    private static ElasticStore.Write write(Paper paper, StoredEmbedding vector) {
        return new ElasticStore.Write(paper, vector, ElasticWords.terms(paper.embeddingText()));
    }

    @Override
    public boolean delete(String id, Optional<Long> expectedVersion) {
        boolean deleted = store.delete(id, expectedVersion);
        if (deleted) {
            changes.incrementAndGet();
        }
        return deleted;
    }

    /** Writes through this process; writes by other processes serving the same index are not counted. */
    @Override
    public long changes() {
        return changes.get();
    }

    @Override
    public int encodedAtOpen() {
        return encodedAtOpen;
    }

    @Override
    public Optional<StoredPaper> stored(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return store.get(id).map(ElasticStore.Current::stored);
    }

    @Override
    public IndexedCorpus indexed() {
        return indexed;
    }

    @Override
    public boolean available() {
        return store.reachable();
    }

    /** Elasticsearch keeps its own backups: its snapshot API, with a repository the cluster's operators choose. */
    @Override
    public Optional<Path> snapshotFolder() {
        return Optional.empty();
    }

    @Override
    public void snapshot(Path out) {
        throw new UnsupportedOperationException("simdex takes no snapshots of an Elasticsearch collection; use"
                + " Elasticsearch's snapshot API");
    }

    /** Nothing in memory to release; the store (the cluster connection) belongs to the caller. */
    @Override
    public void close() {
    }

    /**
     * Both rankings of a hybrid search in one {@code _msearch}: kNN and BM25 with the same exclusions and filter,
     * as deep as asked; a filter the cluster cannot run (not metadata conditions) or a score ceiling falls back to
     * asking each ranking on its own, deeper as needed.
     */
    private IndexedCorpus.Rankings rankBoth(SearchRequest meaning, String text) {
        ElasticVectors.Pushed pushed = ElasticVectors.Pushed.of(meaning.filter());
        if (pushed.local() != null || meaning.maxScore() != SearchRequest.NO_MAX_SCORE) {
            return IndexedCorpus.separately(indexed.index(), indexed.lexical()).rank(meaning, text);
        }
        int depth = Math.min(meaning.k(), ElasticStore.MAX_HITS);
        ElasticStore.Both both = store.both(
                new ElasticStore.Nearest(meaning.query(), depth, meaning.excludeIds(), meaning.minScore(),
                        pushed.conditions()),
                new ElasticStore.Words(LuceneLexicalIndex.queryTerms(text, 1024), depth, meaning.excludeIds(),
                        pushed.conditions()));
        return new IndexedCorpus.Rankings(
                both.byMeaning().stream().map(hit -> new Hit(hit.id(), hit.score())).toList(),
                both.byWords().stream().map(hit -> new LexicalHit(hit.id(), hit.score())).toList());
    }
}
