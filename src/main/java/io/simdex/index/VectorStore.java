package io.simdex.index;

import io.simdex.kernels.VectorMath;

/**
 * Where a {@link FlatIndex} keeps its normalized vectors, by ordinal, and how it scores them in bulk.
 *
 * <p>Scores of {@link #score} and {@link #scoreBatch} may be approximate ({@link #exact()} is false): then the
 * index takes more candidates than it needs and rescores them with {@link #exactScore}. An approximate score
 * is never more than {@link #slack} away from the exact one, below or above, so a score band widened by the
 * slack on both sides can be applied before rescoring without losing hits.
 *
 * <p>Not thread-safe on its own: {@link FlatIndex} appends under its write lock and reads under its read lock.
 */
sealed interface VectorStore extends AutoCloseable permits Float32Store, Int8Store {

    SegmentLayout layout();

    /** Appends a unit vector of {@code layout().dimension()} components as the next ordinal. */
    void append(float[] unit);

    /** Copies vector {@code ordinal}, as appended (or as close as the store keeps it), into {@code out}. */
    void read(int ordinal, float[] out);

    /**
     * Scores {@code groups} packed groups from ordinal {@code from} (a multiple of the group width; the groups
     * lie in one segment): {@code scores[j]} for ordinal {@code from + j}. Lanes past the last vector score 0.
     */
    void score(float[] query, int from, int groups, float[] scores);

    /**
     * {@link #score} for every query: query {@code q}'s scores start at {@code scores[q * groups * width]},
     * bit-identical to {@link #score}. {@code scratch} has room for the groups' components as floats.
     */
    void scoreBatch(float[][] queries, int from, int groups, float[] scratch, float[] scores);

    /** Whether {@link #score} returns exact dot products, those of {@link #exactScore}. */
    boolean exact();

    /** How far {@link #score} may differ from the exact score, either way, for this unit query: 0 when exact. */
    float slack(float[] query);

    /**
     * The exact dot product of the query with vector {@code ordinal}, bit-identical to what an exact store's
     * {@link #score} gives ({@link VectorMath#dotInScanOrder}); {@code scratch} has room for one vector.
     */
    float exactScore(float[] query, int ordinal, float[] scratch);

    /** Bytes allocated on the Java heap for vector data. */
    long heapBytes();

    /** Bytes of vector data outside the heap (memory-mapped). */
    long offHeapBytes();

    /** Releases files and mappings; the store is unusable afterwards. Idempotent. */
    @Override
    void close();
}
