package io.simdex.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.corpus.Paper;
import io.simdex.encode.Encoder;
import io.simdex.index.FlatIndex;
import io.simdex.index.IndexOptions;
import io.simdex.lexical.LexicalDocument;
import io.simdex.lexical.LuceneLexicalIndex;
import io.simdex.store.PaperStore;
import io.simdex.store.PaperWrite;
import io.simdex.store.StoredEmbedding;
import io.simdex.store.StoredPaper;
import io.simdex.store.VersionConflictException;
import io.simdex.store.WriteResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The collection simdex serves, kept in the {@link PaperStore} and mirrored in memory by the vector index, the
 * BM25 index and the papers by id, which writes keep in step.
 *
 * <p>A write is acknowledged (its method returns) only after the store committed it and every in-memory index
 * holds it, so the next request reads it. Encoding happens before the write takes its lock: searches never wait
 * for it, and neither do other writers. Writes are applied one at a time, so concurrent writers to one id end with
 * the last acknowledged write, never a mix.
 */
public final class LiveCollection implements PaperCollection {

    private static final Logger LOG = LoggerFactory.getLogger(LiveCollection.class);
    private static final int LOAD_CHUNK = 4096;

    private final PaperStore store;
    private final Encoder encoder;
    private final FlatIndex index;
    private final LuceneLexicalIndex lexical;
    private final LivePapers papers;
    private final Map<String, TokenStats> tokens;
    private final IndexedCorpus indexed;
    private final ReentrantLock writes = new ReentrantLock();
    private final VectorSource vectors;
    private final int encodedAtOpen;
    /** The store's paper change count once the in-memory indexes hold the changes it counts. */
    private volatile long changes;

    private LiveCollection(PaperStore store, Encoder encoder, FlatIndex index, LuceneLexicalIndex lexical,
            LivePapers papers, Map<String, TokenStats> tokens, int encodedAtOpen, long changes) {
        this.encodedAtOpen = encodedAtOpen;
        this.changes = changes;
        this.vectors = new VectorSource(store, encoder);
        this.store = store;
        this.encoder = encoder;
        this.index = index;
        this.lexical = lexical;
        this.papers = papers;
        this.tokens = tokens;
        this.indexed = new IndexedCorpus(papers, index, lexical, tokens, 0);
    }

    /**
     * Builds the in-memory indexes from the store: no corpus parsing, and no encoding except for papers the store
     * holds no vector for under this encoder's model (after a model change, or an import cut short), which are
     * encoded in batches and stored first.
     */
    public static LiveCollection open(PaperStore store, Encoder encoder, IndexOptions options) {
        long start = System.nanoTime();
        int encoded = encodeMissing(store, encoder);
        long generation = store.paperChanges();
        var papers = new LivePapers();
        // papers, then their BM25 index (opened from disk when it is still theirs), on one thread; the vectors on this one: two cores, both busy
        var lexicalBuild = new FutureTask<>(() -> {
            var documents = new ArrayList<LexicalDocument>();
            store.forEach(stored -> {
                papers.put(stored);
                documents.add(new LexicalDocument(stored.paper().id(), stored.paper().embeddingText()));
            });
            return LuceneLexicalIndex.open(bm25Folder(store.path()), String.valueOf(generation),
                    documents, Runtime.getRuntime().availableProcessors());
        });
        var builder = new Thread(lexicalBuild, "simdex-bm25-build");
        builder.setDaemon(true);
        builder.start();
        var index = new FlatIndex(encoder.dimension(), options);
        var tokens = new ConcurrentHashMap<String, TokenStats>();
        var ids = new ArrayList<String>(LOAD_CHUNK);
        var vectors = new ArrayList<float[]>(LOAD_CHUNK);
        store.forEachEmbedding(encoder.modelId(), embedding -> {
            ids.add(embedding.id());
            vectors.add(embedding.vector());
            tokens.put(embedding.id(), new TokenStats(embedding.tokens(), embedding.tokensEmbedded()));
            if (ids.size() == LOAD_CHUNK) {
                index.addAll(ids, vectors.toArray(new float[0][]));
                ids.clear();
                vectors.clear();
            }
        });
        index.addAll(ids, vectors.toArray(new float[0][]));
        long vectorsLoaded = System.nanoTime();
        LuceneLexicalIndex lexical = await(lexicalBuild, index);
        LOG.info("collection {}: {} papers loaded in {} ms (vectors in {} ms, beside papers and BM25)",
                store.path(), papers.size(), (System.nanoTime() - start) / 1_000_000,
                (vectorsLoaded - start) / 1_000_000);

        return new LiveCollection(store, encoder, index, lexical, papers, tokens, encoded, generation);
    }

    /** The BM25 index built on another thread; if the build failed, the vector index is released too. */
    private static LuceneLexicalIndex await(FutureTask<LuceneLexicalIndex> build, FlatIndex index) {
        try {
            return build.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            index.close();
            throw new IllegalStateException("interrupted while building the BM25 index", e);
        } catch (ExecutionException e) {
            index.close();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the BM25 index could not be built", e.getCause());
        }
    }

    /**
     * Creates or replaces a paper.
     *
     * @param expectedVersion the version the client last read ({@code If-Match}); 0 means "must not exist yet"
     * @return what the write did (created, replaced, or unchanged) and the paper as now stored
     * @throws VersionConflictException if the stored version is not the expected one; nothing changes
     */
    @Override
    public WriteResult put(Paper paper, Optional<Long> expectedVersion) {
        return put(paper, expectedVersion, vectors.of(paper));
    }

    /** {@link #put(Paper, Optional)} with the paper's vector already at hand ({@link #vectors(List)}). */
    @Override
    public WriteResult put(Paper paper, Optional<Long> expectedVersion, StoredEmbedding vector) {
        writes.lock();
        try {
            WriteResult result = store.put(paper, expectedVersion, Optional.of(vector));
            apply(result.stored(), vector);
            counted();
            return result;
        } finally {
            writes.unlock();
        }
    }

    /** The papers' vectors: the store's for texts it has, the rest encoded now; nothing is written. */
    @Override
    public List<StoredEmbedding> vectors(List<Paper> papers) {
        return vectors.of(papers).vectors();
    }

    /**
     * Creates or replaces papers in one transaction (all or none), encoding what the store has no vector for
     * first; a later paper of the list wins over an earlier one with the same id.
     */
    @Override
    public List<WriteResult> putAll(List<Paper> batch) {
        return putAll(batch, vectors.of(batch).vectors());
    }

    /**
     * {@link #putAll(List)} with the papers' vectors already at hand ({@link #vectors(List)}), so a caller that
     * needed them first (a duplicate check) does not have them encoded twice.
     *
     * @param vectors one per paper, in order
     */
    @Override
    public List<WriteResult> putAll(List<Paper> batch, List<StoredEmbedding> vectors) {
        if (vectors.size() != batch.size()) {
            throw new IllegalArgumentException(batch.size() + " papers but " + vectors.size() + " vectors");
        }
        var writesToStore = new ArrayList<PaperWrite>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            writesToStore.add(PaperWrite.of(batch.get(i), vectors.get(i)));
        }
        writes.lock();
        try {
            List<WriteResult> results = store.putAll(writesToStore);
            applyAll(results, vectors);
            counted();
            return results;
        } finally {
            writes.unlock();
        }
    }

    /**
     * Imports papers in committed batches (see {@link Importer}), each batch applied to the indexes as it commits.
     *
     * @param facts set in the store with every batch, e.g. an import's progress marker
     */
    @Override
    public Importer.Report importPapers(List<Paper> batch, String label, Map<String, String> facts) {
        return new Importer(store, encoder, Importer.DEFAULT_BATCH).run(batch, label, facts, (results, vectors) -> {
            writes.lock();
            try {
                applyAll(results, vectors);
                counted();
            } finally {
                writes.unlock();
            }
        });
    }

    /**
     * Deletes a paper.
     *
     * @param expectedVersion the version the client last read ({@code If-Match})
     * @return false when there was no such paper (and no version was expected)
     * @throws VersionConflictException if the stored version is not the expected one; nothing changes
     */
    @Override
    public boolean delete(String id, Optional<Long> expectedVersion) {
        writes.lock();
        try {
            boolean deleted = store.delete(id, expectedVersion);
            if (deleted) {
                index.remove(id);
                lexical.remove(id);
                papers.remove(id);
                tokens.remove(id);
                counted();
            }
            return deleted;
        } finally {
            writes.unlock();
        }
    }

    /**
     * A number that grows whenever papers are written or deleted: the store's paper change count, read after the
     * in-memory indexes took the change, so whoever sees a new number reads the papers it counts.
     */
    @Override
    public long changes() {
        return changes;
    }

    /** How many papers {@link #open} had to encode (those the store held no vector for). */
    @Override
    public int encodedAtOpen() {
        return encodedAtOpen;
    }

    /** The paper as stored, with its version and timestamps. */
    @Override
    public Optional<StoredPaper> stored(String id) {
        return papers.stored(id);
    }

    /** What the use cases search: live views of this collection. */
    @Override
    public IndexedCorpus indexed() {
        return indexed;
    }

    /** The store behind this collection. */
    public PaperStore store() {
        return store;
    }

    /** The SQLite store is a local file: always there while the collection is open. */
    @Override
    public boolean available() {
        return true;
    }

    /** A {@code snapshots} folder beside the store's file. */
    @Override
    public Optional<Path> snapshotFolder() {
        return Optional.of(store.path().toAbsolutePath().getParent().resolve("snapshots"));
    }

    /** Writes a consistent copy of the store (and its checksum file) while the collection keeps serving. */
    @Override
    public void snapshot(Path out) {
        store.snapshot(out);
    }

    /**
     * Keeps the BM25 index on disk for the next start (marked with the store's paper change count, so a start
     * after a crash or an offline import rebuilds it), then releases the in-memory indexes; the store stays open
     * (its owner closes it).
     */
    @Override
    public void close() {
        writes.lock();
        try {
            lexical.commit(String.valueOf(store.paperChanges()));
        } catch (RuntimeException e) {
            LOG.warn("could not keep the BM25 index for the next start; it will be rebuilt: {}", e.toString());
        } finally {
            writes.unlock();
            try {
                index.close();
            } finally {
                lexical.close();
            }
        }
    }

    /** Where the BM25 index of the store at {@code storePath} is kept between starts: a folder beside it. */
    public static Path bm25Folder(Path storePath) {
        return storePath.toAbsolutePath().resolveSibling(storePath.getFileName() + ".bm25");
    }

    /**
     * Deletes what is derived from the store at {@code storePath} (its BM25 folder), so the next start rebuilds it:
     * for a store file that was replaced, as a restore does.
     */
    public static void forgetDerivedFiles(Path storePath) {
        Path folder = bm25Folder(storePath);
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder + "; delete it by hand before starting",
                    e);
        }
    }

    /** Caller holds the write lock, and the in-memory indexes hold what the store committed. */
    private void counted() {
        changes = store.paperChanges();
    }

    /** Caller holds the write lock and the store committed: papers first, so every index hit has its paper. */
    private void apply(StoredPaper stored, StoredEmbedding vector) {
        String id = stored.paper().id();
        papers.put(stored);
        tokens.put(id, new TokenStats(vector.tokens(), vector.tokensEmbedded()));
        lexical.put(id, stored.paper().embeddingText());
        index.put(id, vector.vector());
    }

    /**
     * {@link #apply} for a committed batch, in order, with one BM25 refresh for all of it: the batch becomes
     * searchable by its words at once, not paper by paper. Caller holds the write lock.
     */
    private void applyAll(List<WriteResult> results, List<StoredEmbedding> vectors) {
        var documents = new ArrayList<LexicalDocument>(results.size());
        for (int i = 0; i < results.size(); i++) {
            StoredPaper stored = results.get(i).stored();
            String id = stored.paper().id();
            papers.put(stored);
            tokens.put(id, new TokenStats(vectors.get(i).tokens(), vectors.get(i).tokensEmbedded()));
            documents.add(new LexicalDocument(id, stored.paper().embeddingText()));
        }
        lexical.putAll(documents);
        for (int i = 0; i < results.size(); i++) {
            index.put(results.get(i).stored().paper().id(), vectors.get(i).vector());
        }
    }

    /**
     * Encodes and stores, in batches, the texts of stored papers that have no vector under this model.
     *
     * @return how many were encoded
     */
    private static int encodeMissing(PaperStore store, Encoder encoder) {
        long missing = store.countMissingEmbeddings(encoder.modelId());
        if (missing == 0) {
            return 0;
        }
        LOG.info("{} stored papers have no vector for {} yet; encoding them", missing, encoder.modelId());
        var source = new VectorSource(store, encoder);
        var papers = new ArrayList<Paper>();
        store.forEachMissingEmbedding(encoder.modelId(), stored -> papers.add(stored.paper()));
        long start = System.nanoTime();
        for (int from = 0; from < papers.size(); from += Importer.DEFAULT_BATCH) {
            List<Paper> batch = papers.subList(from, Math.min(papers.size(), from + Importer.DEFAULT_BATCH));
            store.putEmbeddings(source.of(batch).vectors());
            int done = from + batch.size();
            LOG.info("encoded {}/{} papers ({} papers/s)", done, missing,
                    String.format("%.1f", done / Math.max((System.nanoTime() - start) / 1e9, 1e-9)));
        }
        return papers.size();
    }
}
