package io.simdex.lexical;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-memory BM25 index (Lucene, k1 = 1.2, b = 0.75) over documents analyzed by Lucene's
 * {@link EnglishAnalyzer}: standard tokenization, possessives dropped, lower case, English stop words removed,
 * Porter stemming, as Elasticsearch's {@code english} analyzer does.
 *
 * <p>Live: {@link #put} and {@link #remove} change it while it serves, and a search that starts after one of them
 * returned sees the change. Writes are serialized; searches run concurrently with each other and with writes.
 */
public final class LuceneLexicalIndex implements LexicalIndex {

    /**
     * Lucene picks its own SIMD kernels once per JVM and, on Java 17 with {@code jdk.incubator.vector} added for
     * simdex's kernels, warns that Java is too old for its. Its scalar fallback is all BM25 needs, and the warning
     * would read as if simdex's kernels were off, so it is kept out of the log. Held here: JUL keeps loggers weakly.
     */
    private static final Logger LUCENE_VECTORIZATION =
            Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");

    static {
        LUCENE_VECTORIZATION.setLevel(Level.SEVERE);
    }

    private static final String ID = "id";
    /** Commit data naming what the index was built from; its format part changes with the analysis. */
    private static final String GENERATION = "simdex.generation";
    private static final String FORMAT = "english-bm25-v1";
    private static final Logger LOG_SIMDEX = Logger.getLogger(LuceneLexicalIndex.class.getName());
    /** Below this many documents one thread builds the index: splitting costs more than it saves. */
    static final int PARALLEL_BUILD_FROM = 20_000;
    private static final String TEXT = "text";

    private final Analyzer analyzer;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final SegmentIds segmentIds = new SegmentIds(ID);
    private final Object writeLock = new Object();
    /** Whether {@link #directory} is a folder on disk that {@link #commit} keeps for the next start. */
    private final boolean onDisk;

    private LuceneLexicalIndex(Analyzer analyzer, Directory directory, IndexWriter writer, boolean onDisk)
            throws IOException {
        this.analyzer = analyzer;
        this.directory = directory;
        this.writer = writer;
        this.onDisk = onDisk;
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                var searcher = new IndexSearcher(reader);
                    return searcher;
            }
        });
    }

    /**
     * Indexes the documents, in list order (which breaks ties between equal scores), on one thread.
     *
     * @throws IllegalArgumentException if two documents share an id
     */
    public static LuceneLexicalIndex build(List<LexicalDocument> documents) {
        return build(documents, 1);
    }

    /**
     * Indexes the documents, in list order (which breaks ties between equal scores): large sets are split into
     * {@code threads} consecutive parts analyzed at once, then joined in order, so the index is the one a single
     * thread builds.
     *
     * @throws IllegalArgumentException if two documents share an id, or {@code threads < 1}
     */
    public static LuceneLexicalIndex build(List<LexicalDocument> documents, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        var seen = new HashSet<String>(documents.size() * 2);
        for (LexicalDocument document : documents) {
            if (!seen.add(document.id())) {
                throw new IllegalArgumentException("two documents have the id '" + document.id()
                        + "'; ids must be unique");
            }
        }
        Analyzer analyzer = new EnglishAnalyzer();
        Directory directory = new ByteBuffersDirectory();
        try {
            var writer = new IndexWriter(directory, config(analyzer));
            fill(writer, documents, threads);
            writer.commit();
            var index = new LuceneLexicalIndex(analyzer, directory, writer, false);
            index.ids.addAll(seen);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the lexical index in memory", e);
        }
    }

    /**
     * The index kept in {@code folder}: opened as it is when its last commit carries {@code generation} (the
     * papers it was built from are the papers now), else rebuilt there from {@code documents}. When another
     * process (or another collection in this one) holds the folder, the index is built in memory instead, as
     * {@link #build} does. Changes are kept on disk only by {@link #commit}; after a crash the folder's last
     * commit is older than the papers and the next open rebuilds it.
     *
     * @param generation what the documents are: it must change whenever they do
     * @throws IllegalArgumentException if two documents share an id
     */
    public static LuceneLexicalIndex open(Path folder, String generation, List<LexicalDocument> documents,
            int threads) {
        Directory directory;
        try {
            Files.createDirectories(folder);
            directory = FSDirectory.open(folder);
        } catch (IOException e) {
            LOG_SIMDEX.warning("cannot use " + folder + " for the BM25 index (" + e.getMessage()
                    + "); building it in memory");
            return build(documents, threads);
        }
        String wanted = FORMAT + ":" + generation;
        try {
            boolean current = DirectoryReader.indexExists(directory)
                    && wanted.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(GENERATION));
            Analyzer analyzer = new EnglishAnalyzer();
            IndexWriter writer;
            try {
                writer = new IndexWriter(directory, config(analyzer).setCommitOnClose(false).setOpenMode(current
                        ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE));
            } catch (LockObtainFailedException held) {
                analyzer.close();
                directory.close();
                return build(documents, threads);
            }
            if (!current) {
                fill(writer, documents, threads);
                writer.setLiveCommitData(Map.of(GENERATION, wanted).entrySet());
                writer.commit();
            }
            var index = new LuceneLexicalIndex(analyzer, directory, writer, true);
            for (LexicalDocument document : documents) {
                index.ids.add(document.id());
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the BM25 index in " + folder, e);
        }
    }

    /**
     * Keeps the index on disk as it is now, marked with {@code generation}, so the next {@link #open} with the
     * same generation reuses it; does nothing for an index in memory.
     */
    public void commit(String generation) {
        if (!onDisk) {
            return;
        }
        synchronized (writeLock) {
            try {
                writer.setLiveCommitData(Map.of(GENERATION, FORMAT + ":" + generation).entrySet());
                writer.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the BM25 index on disk", e);
            }
        }
    }

    /** Whether this index lives in a folder on disk (else in memory). */
    public boolean onDisk() {
        return onDisk;
    }

    /** Adds the documents in order: one thread for few, else consecutive parts indexed at once and joined. */
    private static void fill(IndexWriter writer, List<LexicalDocument> documents, int threads) throws IOException {
        int parts = documents.size() < PARALLEL_BUILD_FROM ? 1 : threads;
        if (parts == 1) {
            for (LexicalDocument document : documents) {
                writer.addDocument(document(document.id(), document.text()));
            }
        } else {
            writer.addIndexes(parts(documents, parts));
        }
    }

    /** Each consecutive part of the documents indexed into its own directory, all parts at once, in order. */
    private static Directory[] parts(List<LexicalDocument> documents, int parts) throws IOException {
        var pool = Executors.newFixedThreadPool(parts, runnable -> {
            var thread = new Thread(runnable, "simdex-bm25-part");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var futures = new ArrayList<Future<Directory>>(parts);
            for (int p = 0; p < parts; p++) {
                List<LexicalDocument> part = documents.subList((int) ((long) documents.size() * p / parts),
                        (int) ((long) documents.size() * (p + 1) / parts));
                futures.add(pool.submit(() -> {
                    Directory partDirectory = new ByteBuffersDirectory();
                    try (var analyzer = new EnglishAnalyzer();
                            var writer = new IndexWriter(partDirectory, config(analyzer))) {
                        for (LexicalDocument document : part) {
                            writer.addDocument(document(document.id(), document.text()));
                        }
                        writer.forceMerge(1);
                    }
                    return partDirectory;
                }));
            }
            var directories = new Directory[parts];
            for (int p = 0; p < parts; p++) {
                directories[p] = futures.get(p).get();
            }
            return directories;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the lexical index", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A log merge policy merges only adjacent segments, so Lucene doc ids stay in insertion order. */
    private static IndexWriterConfig config(Analyzer analyzer) {
        return new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity())
                .setMergePolicy(new LogDocMergePolicy()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    }

    /**
     * Indexes {@code text} under {@code id}, replacing what the id held; the next search sees it.
     *
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public void put(String id, String text) {
        Objects.requireNonNull(text, "text");
        checkId(id);
        synchronized (writeLock) {
            try {
                writer.updateDocument(new Term(ID, id), document(id, text));
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update the lexical index in memory", e);
            }
            ids.add(id);
        }
    }

    /**
     * Indexes every document, in order (a later one with the same id replaces an earlier), and makes them all
     * searchable at once: one refresh for the batch, where {@link #put} refreshes once per document, so a batch of
     * thousands costs about what one document does beyond its analysis. The next search sees every document; none
     * is seen before the whole batch is added.
     */
    public void putAll(List<LexicalDocument> documents) {
        Objects.requireNonNull(documents, "documents");
        synchronized (writeLock) {
            try {
                for (LexicalDocument document : documents) {
                    writer.updateDocument(new Term(ID, document.id()), document(document.id(), document.text()));
                }
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update the lexical index in memory", e);
            }
            for (LexicalDocument document : documents) {
                ids.add(document.id());
            }
        }
    }

    /**
     * Removes the document under {@code id}; the next search no longer finds it.
     *
     * @return false when the index holds no document under {@code id}
     */
    public boolean remove(String id) {
        Objects.requireNonNull(id, "id");
        synchronized (writeLock) {
            if (!ids.contains(id)) {
                return false;
            }
            try {
                writer.deleteDocuments(new Term(ID, id));
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update the lexical index in memory", e);
            }
            ids.remove(id);
            return true;
        }
    }

    /** As {@link #search(String, int, Set, Predicate)}, with every document allowed. */
    @Override
    public List<LexicalHit> search(String query, int k, Set<String> exclude) {
        return search(query, k, exclude, id -> true);
    }

    /**
     * The {@code k} documents that best match the words of {@code query}, by BM25, best first; equal scores in
     * index order. The query is plain text, never query syntax: its terms are OR-ed, a term that occurs n times
     * counts n times, and a text with more distinct terms than Lucene allows in one query
     * ({@link IndexSearcher#getMaxClauseCount()}, 1024) keeps its most frequent ones.
     *
     * @param exclude ids that must not come back; ids the index does not hold are ignored
     * @param allowed only documents whose id it accepts come back; exact (the search goes deeper until {@code k}
     *                allowed documents are found or none is left), so it must be fast and thread-safe
     * @return fewer than {@code k} hits when fewer documents share a term with the query; none when the query has
     *         no indexable word (only stop words or punctuation, say)
     * @throws IllegalArgumentException if {@code k < 1}
     */
    @Override
    public List<LexicalHit> search(String query, int k, Set<String> exclude, Predicate<String> allowed) {
        LexicalIndex.checkRequest(query, k, exclude, allowed);
        List<Map.Entry<String, Integer>> terms = QueryTerms.of(analyzer, TEXT, query,
                IndexSearcher.getMaxClauseCount());
        if (terms.isEmpty()) {
            return List.of();
        }
        Query lucene = query(terms);
        return top(searcher -> lucene, k, exclude, allowed);
    }

    /**
     * The {@code k} documents most like {@code text} by its own distinctive words: Lucene's {@link MoreLikeThis}
     * picks the text's {@value #LIKE_TERMS} terms of highest tf-idf among those at least two documents hold (so a
     * term of the text alone, or of one other paper, adds nothing), and BM25 ranks the documents by them, best
     * first; equal scores in index order. For "more like this" by words, next to the vectors' by meaning.
     *
     * @param exclude ids that must not come back, such as the paper whose text this is
     * @param allowed as for {@link #search(String, int, Set, Predicate)}
     * @return none when the text has no term another document shares
     * @throws IllegalArgumentException if {@code k < 1}
     */
    @Override
    public List<LexicalHit> moreLikeThis(String text, int k, Set<String> exclude, Predicate<String> allowed) {
        LexicalIndex.checkRequest(text, k, exclude, allowed);
        return top(searcher -> {
            var like = new MoreLikeThis(searcher.getIndexReader());
            like.setAnalyzer(analyzer);
            like.setFieldNames(new String[] {TEXT});
            like.setMinTermFreq(1); // an abstract names its subject once or twice
            like.setMinDocFreq(2);
            like.setMaxQueryTerms(LIKE_TERMS);
            return like.like(TEXT, new StringReader(text));
        }, k, exclude, allowed);
    }

    /**
     * The terms {@link EnglishAnalyzer} makes of {@code text}, in order, repeats kept: what this index holds for a
     * document, so another engine given these terms (split on spaces) counts the same words.
     */
    public static List<String> terms(String text) {
        try (Analyzer english = new EnglishAnalyzer()) {
            return QueryTerms.tokens(english, TEXT, text);
        }
    }

    /**
     * The distinct terms of a free-text query with how often each occurs, as {@link #search} ranks by them: the
     * most frequent first, at most {@code maxTerms}.
     */
    public static List<Map.Entry<String, Integer>> queryTerms(String text, int maxTerms) {
        try (Analyzer english = new EnglishAnalyzer()) {
            return QueryTerms.of(english, TEXT, text, maxTerms);
        }
    }

    /** How many of a text's terms {@link #moreLikeThis} queries by (Lucene's and Elasticsearch's default). */
    static final int LIKE_TERMS = 25;

    /** Builds a query against the searcher that will run it. */
    @FunctionalInterface
    private interface QueryFor {
        Query build(IndexSearcher searcher) throws IOException;
    }

    @Override
    public double bestPossibleScore(String query) {
        Objects.requireNonNull(query, "query");
        List<Map.Entry<String, Integer>> terms = QueryTerms.of(analyzer, TEXT, query,
                IndexSearcher.getMaxClauseCount());
        return read(searcher -> {
            IndexReader reader = searcher.getIndexReader();
            int docs = reader.getDocCount(TEXT);
            double best = 0;
            for (Map.Entry<String, Integer> term : terms) {
                int df = reader.docFreq(new Term(TEXT, term.getKey()));
                best += term.getValue() * LexicalIndex.idf(docs, df);
            }
            return docs == 0 ? 0.0 : best;
        });
    }

    /** Reads with a searcher of the current state of the index. */
    @FunctionalInterface
    private interface SearcherRead<T> {
        T read(IndexSearcher searcher) throws IOException;
    }

    private <T> T read(SearcherRead<T> read) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the lexical index", e);
        }
        try {
            return read.read(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the lexical index", e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release a lexical searcher", e);
            }
        }
    }

    /** The best {@code k} documents for the query that are not excluded and are allowed, best first. */
    private List<LexicalHit> top(QueryFor queryFor, int k, Set<String> exclude, Predicate<String> allowed) {
        return read(searcher -> {
            Query lucene = queryFor.build(searcher);
            int docs = searcher.getIndexReader().numDocs();
            if (docs == 0) {
                return List.of();
            }
            // at most exclude.size() of the best k + exclude.size() are excluded; a filter may need more
            long wanted = Math.min(docs, (long) k + exclude.size());
            while (true) {
                ScoreDoc[] top = searcher.search(lucene, (int) wanted).scoreDocs;
                var hits = new ArrayList<LexicalHit>(Math.min(k, top.length));
                var leaves = searcher.getIndexReader().leaves();
                for (ScoreDoc scoreDoc : top) {
                    String id = segmentIds.id(leaves, scoreDoc.doc);
                    if (!exclude.contains(id) && allowed.test(id)) {
                        hits.add(new LexicalHit(id, scoreDoc.score));
                        if (hits.size() == k) {
                            return hits;
                        }
                    }
                }
                if (top.length < wanted || wanted >= docs) {
                    return hits;
                }
                wanted = Math.min(docs, wanted * 4);
            }
        });
    }

    /** How many documents the index holds. */
    @Override
    public int size() {
        return ids.size();
    }

    /** Whether a document is indexed under {@code id}. */
    @Override
    public boolean contains(String id) {
        return ids.contains(id);
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the lexical index", e);
        } finally {
            analyzer.close();
        }
    }

    private static Document document(String id, String text) {
        var doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new TextField(TEXT, text, Field.Store.NO));
        return doc;
    }

    private static void checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank but was '" + id + "'");
        }
    }

    private static Query query(List<Map.Entry<String, Integer>> terms) {
        var query = new BooleanQuery.Builder();
        for (Map.Entry<String, Integer> term : terms) {
            Query clause = new TermQuery(new Term(TEXT, term.getKey()));
            if (term.getValue() > 1) {
                clause = new BoostQuery(clause, term.getValue());
            }
            query.add(clause, BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }
}
