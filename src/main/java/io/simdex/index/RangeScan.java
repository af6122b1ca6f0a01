package io.simdex.index;

import java.util.Arrays;

/**
 * One thread's share of a scan: scores ordinals {@code [from, to)} of a {@link VectorStore} and keeps the best
 * in a {@link TopK} per query, skipping excluded ordinals and scores below a threshold.
 *
 * <p>{@code from} must be a multiple of the store's group width, and {@code to} too unless it is the store's
 * size: the store scores whole packed groups. Work goes to the store a segment at a time for one query. A
 * batch runs the queries in groups over blocks of vectors small enough to stay in the L2 cache, so each
 * vector is read from memory once per query group rather than once per query.
 */
final class RangeScan {

    /** Queries scored together over one block; a multiple of the kernels' six-query tile. */
    static final int QUERY_GROUP = 96;

    /** A batch block holds about this many components (96 KiB of floats). */
    static final int BLOCK_COMPONENTS = 24 * 1024;

    private RangeScan() {
    }

    /** What one query asks of a scan. */
    record Query(float[] vector, int[] excludedOrdinals, float threshold, int capacity) {
    }

    /**
     * Scans {@code [from, to)} for one query.
     *
     * @param query its excluded ordinals sorted ascending; only scores {@code >= threshold} are kept
     */
    static TopK scan(VectorStore store, Query query, int from, int to) {
        SegmentLayout layout = store.layout();
        int width = layout.groupWidth();
        TopK top = new TopK(query.capacity());
        float[] scores = new float[Math.min(layout.vectorsPerSegment(), roundUp(to - from, width))];
        int nextExcluded = firstAtOrAfter(query.excludedOrdinals(), from);
        for (int start = from; start < to; ) {
            int end = (int) Math.min(to, layout.nextSegmentStart(start));
            int count = end - start;
            store.score(query.vector(), start, roundUp(count, width) / width, scores);
            nextExcluded = offer(top, query, scores, 0, start, count, nextExcluded);
            start = end;
        }
        return top;
    }

    /** Scans {@code [from, to)} for every query; heap {@code q} belongs to {@code queries[q]}. */
    static TopK[] scanBatch(VectorStore store, Query[] queries, int from, int to) {
        SegmentLayout layout = store.layout();
        int width = layout.groupWidth();
        int block = Math.min(layout.vectorsPerSegment(),
                Math.max(2 * width, BLOCK_COMPONENTS / layout.dimension() / (2 * width) * (2 * width)));
        TopK[] tops = new TopK[queries.length];
        int blockCapacity = Math.min(block, roundUp(to - from, width));
        float[] scores = new float[Math.min(QUERY_GROUP, queries.length) * blockCapacity];
        float[] scratch = new float[blockCapacity * layout.dimension()];
        for (int first = 0; first < queries.length; first += QUERY_GROUP) {
            int groupSize = Math.min(QUERY_GROUP, queries.length - first);
            float[][] vectors = new float[groupSize][];
            int[] nextExcluded = new int[groupSize];
            for (int q = 0; q < groupSize; q++) {
                Query query = queries[first + q];
                vectors[q] = query.vector();
                nextExcluded[q] = firstAtOrAfter(query.excludedOrdinals(), from);
                tops[first + q] = new TopK(query.capacity());
            }
            for (int start = from; start < to; ) {
                int end = (int) Math.min(Math.min(to, layout.nextSegmentStart(start)), (long) start + block);
                int count = end - start;
                int groups = roundUp(count, width) / width;
                store.scoreBatch(vectors, start, groups, scratch, scores);
                for (int q = 0; q < groupSize; q++) {
                    nextExcluded[q] = offer(tops[first + q], queries[first + q], scores, q * groups * width, start,
                            count, nextExcluded[q]);
                }
                start = end;
            }
        }
        return tops;
    }

    /**
     * Offers one query's scores of a block; returns its updated position in the excluded ordinals. Ordinals
     * only grow during a scan, so once the heap is full a score equal to its worst loses the tie and can be
     * skipped as cheaply as a lower one: most scores cost one comparison.
     */
    private static int offer(TopK top, Query query, float[] scores, int row, int start, int count, int nextExcluded) {
        int[] excluded = query.excludedOrdinals();
        float threshold = query.threshold();
        boolean full = top.isFull();
        float worst = full ? top.worstScore() : Float.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            float score = scores[row + j];
            if (score < threshold || (full && score <= worst)) {
                continue;
            }
            int ordinal = start + j;
            while (nextExcluded < excluded.length && excluded[nextExcluded] < ordinal) {
                nextExcluded++;
            }
            if (nextExcluded < excluded.length && excluded[nextExcluded] == ordinal) {
                continue;
            }
            top.offer(ordinal, score);
            if (top.isFull()) {
                full = true;
                worst = top.worstScore();
            }
        }
        return nextExcluded;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** The index of the first element {@code >= ordinal} in a sorted array. */
    private static int firstAtOrAfter(int[] sorted, int ordinal) {
        int i = Arrays.binarySearch(sorted, ordinal);
        return i >= 0 ? i : -i - 1;
    }
}
