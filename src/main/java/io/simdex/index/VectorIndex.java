package io.simdex.index;

import java.util.List;
import java.util.Optional;

/**
 * An in-memory set of id → vector entries searched by cosine similarity.
 *
 * <p>Vectors are L2-normalized when they enter the index (by {@link #add} and {@link #put} and, for the query,
 * by {@link #search}), so the score of a hit is the cosine similarity, computed as a dot product. Float
 * rounding can push a score a few ulps past ±1.
 *
 * <p>The index is a live collection: {@link #put} adds or replaces the vector under an id and {@link #remove}
 * drops it, while searches run. Every read ({@link #size}, {@link #contains}, {@link #vector}, the searches and
 * {@link #pairsAtOrAbove}) sees only the vectors the index holds now: never a removed one, never the old copy
 * of a replaced one.
 *
 * <p>Search results are exact and ordered best-first: by score descending, and on equal scores by ascending
 * insertion order (the vector inserted earlier ranks first). A vector put under an id the index already holds
 * counts as inserted at that put.
 *
 * <p>Null arguments throw {@link NullPointerException}; invalid values throw {@link IllegalArgumentException}
 * with a message naming the bad value.
 *
 * <p>An index may hold threads or files: {@link #close()} releases them.
 */
public interface VectorIndex extends AutoCloseable {

    /** The number of components every vector in this index has. */
    int dimension();

    /** The number of vectors the index holds: those added or put, less those removed. */
    int size();

    /** Whether the index holds a vector under {@code id}: added or put, and not removed since. */
    boolean contains(String id);

    /**
     * Adds a vector under a new id. The index stores a normalized copy; {@code vector} itself is not modified.
     * To replace the vector under an id the index holds, use {@link #put}.
     *
     * @throws IllegalArgumentException if {@code id} is blank or already present, or {@code vector} has the
     *                                  wrong dimension, a NaN or infinite component, or is all zeros
     */
    void add(String id, float[] vector);

    /**
     * Adds or replaces (an upsert): afterwards the index holds exactly this vector under {@code id}, as a
     * normalized copy, and never returns the vector it held before. Reads see the old vector or the new one,
     * never neither and never both.
     * <ul>
     *   <li>A replaced vector counts as inserted now: it ties after every vector already in the index.</li>
     *   <li>Putting the vector the index already holds still moves it to the end of the insertion order.</li>
     *   <li>If the arguments are invalid, nothing changes: the old vector, if any, stays.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if {@code id} is blank, or {@code vector} has the wrong dimension, a NaN
     *                                  or infinite component, or is all zeros
     */
    void put(String id, float[] vector);

    /**
     * Removes the vector under {@code id}; afterwards the id may be added again.
     *
     * @return whether the index held a vector under {@code id}; false for an unknown or blank id
     */
    boolean remove(String id);

    /** A copy of the stored (normalized) vector for {@code id}, or empty if the index does not hold it. */
    Optional<float[]> vector(String id);

    /**
     * Returns up to {@code k} hits, best-first, ties broken by insertion order: the true top {@code k} among
     * the eligible vectors (held now, not excluded, accepted by the filter, within the score band), so fewer
     * than {@code k} come back only if fewer are eligible.
     * <ul>
     *   <li>{@code k > size()} returns every eligible vector; an empty index returns an empty list.</li>
     *   <li>Ids in {@code excludeIds} never appear; ids there that the index does not hold are ignored
     *       (validating them is the caller's job).</li>
     *   <li>Hits with {@code score < minScore} are dropped, so fewer than {@code k} may come back.</li>
     *   <li>Hits with {@code score > maxScore} are dropped before the top {@code k} are chosen, so the {@code k}
     *       hits are the best at or below the ceiling: a band such as {@code [0.9, 0.98]} finds near
     *       duplicates while skipping exact ones.</li>
     *   <li>Ids the request's {@link SearchRequest#filter() filter} rejects never appear. It restricts the
     *       search itself, so {@code k} hits come back whenever {@code k} accepted vectors are eligible; a filter
     *       that accepts fewer than {@code k} ids returns those of them that are eligible.</li>
     * </ul>
     *
     * @return an immutable list
     * @throws IllegalArgumentException if the query's dimension differs from {@link #dimension()}
     */
    List<Hit> search(SearchRequest request);

    /**
     * Runs several searches at once: element {@code i} of the result is what {@link #search} returns for
     * {@code requests.get(i)}, with that request's own {@code k}, exclusions, score band and filter. Implementations
     * may share work between the requests; this default searches one by one.
     *
     * @return an immutable list of immutable lists; empty for no requests
     * @throws IllegalArgumentException if a query's dimension differs from {@link #dimension()}
     */
    default List<List<Hit>> searchBatch(List<SearchRequest> requests) {
        return requests.stream().map(this::search).toList();
    }

    /**
     * Every pair of distinct vectors the index holds whose cosine is {@code >= minScore}, each pair once (first
     * = inserted earlier), sorted by score descending, then by first's insertion order, then second's. Exact,
     * not sampled.
     * <ul>
     *   <li>Fewer than two vectors give an empty list; {@code minScore = -1} asks for every pair.</li>
     *   <li>Identical vectors score 1 give or take float rounding, so a threshold of exactly 1 may miss them;
     *       use a little less, such as 0.9999.</li>
     * </ul>
     *
     * @param minScore finite, in [-1, 1]
     * @param maxPairs the most pairs the caller takes, {@code >= 1}
     * @return an immutable list
     * @throws TooManyPairsException    if more than {@code maxPairs} pairs qualify (the scan stops early)
     * @throws IllegalArgumentException if {@code minScore} is not a finite number in [-1, 1] or
     *                                  {@code maxPairs < 1}
     */
    List<ScoredPair> pairsAtOrAbove(float minScore, int maxPairs);

    /**
     * Whether {@link #search} returns the true top {@code k} by float32 cosine, as this interface describes; an
     * index that answers from quantized or graph-based structures (an Elasticsearch {@code int8_hnsw} field) says
     * false, and its answers say so.
     */
    default boolean exact() {
        return true;
    }

    /** Releases threads and files the index holds; later calls may fail. Idempotent; does not throw. */
    @Override
    default void close() {
    }
}
