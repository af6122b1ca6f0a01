package io.simdex.lexical;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Documents ranked by BM25 over their English terms: what search, hybrid fusion and "more like this" by words
 * read. {@link LuceneLexicalIndex} holds them in this process; a store that indexes the same terms (an
 * Elasticsearch collection) answers the same reads.
 */
public interface LexicalIndex extends AutoCloseable {

    /** As {@link #search(String, int, Set, Predicate)}, with every document allowed. */
    default List<LexicalHit> search(String query, int k, Set<String> exclude) {
        return search(query, k, exclude, id -> true);
    }

    /**
     * The {@code k} documents that best match the words of {@code query}, by BM25, best first. The query is plain
     * text, never query syntax.
     *
     * @param exclude ids that must not come back; ids the index does not hold are ignored
     * @param allowed only documents whose id it accepts come back, and still {@code k} of them when there are
     * @throws IllegalArgumentException if {@code k < 1}
     */
    List<LexicalHit> search(String query, int k, Set<String> exclude, Predicate<String> allowed);

    /**
     * The {@code k} documents most like {@code text} by its own distinctive words (at most 25 terms of highest
     * tf-idf that at least two documents hold), best first.
     *
     * @param exclude ids that must not come back, such as the paper whose text this is
     * @param allowed as for {@link #search(String, int, Set, Predicate)}
     * @throws IllegalArgumentException if {@code k < 1}
     */
    List<LexicalHit> moreLikeThis(String text, int k, Set<String> exclude, Predicate<String> allowed);

    /** How many documents the index holds. */
    int size();

    /** Whether a document is indexed under {@code id}. */
    boolean contains(String id);

    /** Releases what the index holds; idempotent for in-memory indexes. */
    @Override
    void close();

    /**
     * Checks the arguments every search of an index takes.
     *
     * @throws NullPointerException     if one is null
     * @throws IllegalArgumentException if {@code k < 1}
     */
    static void checkRequest(String text, int k, Set<String> exclude, Predicate<String> allowed) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(exclude, "exclude");
        Objects.requireNonNull(allowed, "allowed");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
    }

    /** {@link LuceneLexicalIndex#build(List)}: an in-memory index of the documents. */
    static LuceneLexicalIndex build(List<LexicalDocument> documents) {
        return LuceneLexicalIndex.build(documents);
    }

    /** {@link LuceneLexicalIndex#build(List, int)}: an in-memory index of the documents, built on threads. */
    static LuceneLexicalIndex build(List<LexicalDocument> documents, int threads) {
        return LuceneLexicalIndex.build(documents, threads);
    }

    /** {@link LuceneLexicalIndex#open(Path, String, List, int)}: the index kept in a folder, or rebuilt. */
    static LuceneLexicalIndex open(Path folder, String generation, List<LexicalDocument> documents, int threads) {
        return LuceneLexicalIndex.open(folder, generation, documents, threads);
    }
}
