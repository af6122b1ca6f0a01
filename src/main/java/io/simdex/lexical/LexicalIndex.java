package io.simdex.lexical;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-memory BM25 index (Lucene, k1 = 1.2, b = 0.75) over documents analyzed by Lucene's
 * {@link EnglishAnalyzer}: standard tokenization, possessives dropped, lower case, English stop words removed,
 * Porter stemming, as Elasticsearch's {@code english} analyzer does. Read-only once built; safe for concurrent
 * searches.
 */
public final class LexicalIndex implements AutoCloseable {

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
    private static final String TEXT = "text";

    private final Analyzer analyzer;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    /** Document ids by Lucene doc id. */
    private final String[] ids;

    private LexicalIndex(Analyzer analyzer, Directory directory, DirectoryReader reader) throws IOException {
        this.analyzer = analyzer;
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.searcher.setSimilarity(new BM25Similarity());
        this.ids = new String[reader.maxDoc()];
        StoredFields stored = reader.storedFields();
        for (int doc = 0; doc < ids.length; doc++) {
            ids[doc] = stored.document(doc, Set.of(ID)).get(ID);
        }
    }

    /**
     * Indexes the documents, in list order (which breaks ties between equal scores).
     *
     * @throws IllegalArgumentException if two documents share an id
     */
    public static LexicalIndex build(List<LexicalDocument> documents) {
        var seen = new HashSet<String>(documents.size() * 2);
        for (LexicalDocument document : documents) {
            if (!seen.add(document.id())) {
                throw new IllegalArgumentException("two documents have the id '" + document.id()
                        + "'; ids must be unique");
            }
        }
        Analyzer analyzer = new EnglishAnalyzer();
        Directory directory = new ByteBuffersDirectory();
        // a log merge policy merges only adjacent segments, so Lucene doc ids stay in list order
        var config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity())
                .setMergePolicy(new LogDocMergePolicy()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (var writer = new IndexWriter(directory, config)) {
            for (LexicalDocument document : documents) {
                var doc = new Document();
                doc.add(new StringField(ID, document.id(), Field.Store.YES));
                doc.add(new TextField(TEXT, document.text(), Field.Store.NO));
                writer.addDocument(doc);
            }
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the lexical index in memory", e);
        }
        try {
            return new LexicalIndex(analyzer, directory, DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lexical index", e);
        }
    }

    /**
     * The {@code k} documents that best match the words of {@code query}, by BM25, best first; equal scores in
     * index order. The query is plain text, never query syntax: its terms are OR-ed, a term that occurs n times
     * counts n times, and a text with more distinct terms than Lucene allows in one query
     * ({@link IndexSearcher#getMaxClauseCount()}, 1024) keeps its most frequent ones.
     *
     * @param exclude ids that must not come back; ids the index does not hold are ignored
     * @return fewer than {@code k} hits when fewer documents share a term with the query; none when the query has
     *         no indexable word (only stop words or punctuation, say)
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<LexicalHit> search(String query, int k, Set<String> exclude) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(exclude, "exclude");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        List<Map.Entry<String, Integer>> terms = QueryTerms.of(analyzer, TEXT, query,
                IndexSearcher.getMaxClauseCount());
        if (terms.isEmpty() || ids.length == 0) {
            return List.of();
        }
        // at most exclude.size() of the best k + exclude.size() are excluded, so k remain
        int wanted = (int) Math.min(ids.length, (long) k + exclude.size());
        ScoreDoc[] top;
        try {
            top = searcher.search(query(terms), wanted).scoreDocs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the lexical index", e);
        }
        var hits = new ArrayList<LexicalHit>(Math.min(k, top.length));
        for (ScoreDoc scoreDoc : top) {
            String id = ids[scoreDoc.doc];
            if (!exclude.contains(id)) {
                hits.add(new LexicalHit(id, scoreDoc.score));
                if (hits.size() == k) {
                    break;
                }
            }
        }
        return hits;
    }

    /** How many documents the index holds. */
    public int size() {
        return ids.length;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the lexical index", e);
        } finally {
            analyzer.close();
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
