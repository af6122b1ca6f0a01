package io.simdex.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * One thread's share of a scan: scores ordinals {@code [from, to)} of a {@link VectorStore} and keeps the best
 * in a {@link TopK} per query, skipping removed, excluded and disallowed ordinals and scores outside the query's
 * band.
 *
 * <p>{@code from} must be a multiple of the store's group width, and {@code to} too unless it is the store's
 * size: the store scores whole packed groups. Work goes to the store a segment at a time for one query. A
 * batch runs the queries in groups of {@value BlockScorer#QUERY_GROUP} through a {@link BlockScorer}.
 */
final class RangeScan {

    /** The {@code allowed} test of a query without a filter. */
    static final IntPredicate EVERY_ORDINAL = ordinal -> true;

    private RangeScan() {
    }

    /**
     * What one query asks of a scan: hits whose exact score lies in {@code [minScore, maxScore]}, the best
     * {@code capacity} of them by the store's score.
     *
     * <p>The band is applied before the heap, so a full heap holds the best scores at or below the ceiling.
     * For an approximate store, scores more than {@code slack} outside the band are dropped, and a score within
     * {@code slack} of the ceiling is rescored exactly on the spot: otherwise vectors just above the ceiling,
     * whose approximate scores top the candidates, could crowd out every vector below it.
     *
     * <p>Removed ordinals, excluded ones and those {@code allowed} rejects are skipped where a score would
     * enter the heap, so they never take a place among the best {@code capacity}; {@code allowed} is asked last,
     * and only about ordinals whose score would enter.
     *
     * @param excludedOrdinals sorted ascending
     * @param removedOrdinals  ordinals whose vectors were removed or replaced; read only during the scan
     * @param allowed          the request's filter, by ordinal; {@link #EVERY_ORDINAL} for none
     * @param maxScore         {@link Float#POSITIVE_INFINITY} for none
     * @param slack            the store's {@link VectorStore#slack} for this query; 0 for an exact store
     */
    record Query(float[] vector, int[] excludedOrdinals, BitSet removedOrdinals, IntPredicate allowed,
                 float minScore, float maxScore, float slack, int capacity) {
    }

    /** Scans {@code [from, to)} for one query. */
    static TopK scan(VectorStore store, Query query, int from, int to) {
        SegmentLayout layout = store.layout();
        int width = layout.groupWidth();
        Progress progress = new Progress(store, query, from);
        float[] scores = new float[Math.min(layout.vectorsPerSegment(), BlockScorer.roundUp(to - from, width))];
        for (int start = from; start < to; ) {
            int end = (int) Math.min(to, layout.nextSegmentStart(start));
            int count = end - start;
            store.score(query.vector(), start, BlockScorer.roundUp(count, width) / width, scores);
            progress.offer(scores, 0, start, count);
            start = end;
        }
        return progress.top;
    }

    /** Scans {@code [from, to)} for every query; heap {@code q} belongs to {@code queries[q]}. */
    static TopK[] scanBatch(VectorStore store, Query[] queries, int from, int to) {
        BlockScorer scorer = new BlockScorer(store, queries.length, to - from);
        TopK[] tops = new TopK[queries.length];
        for (int first = 0; first < queries.length; first += BlockScorer.QUERY_GROUP) {
            int groupSize = Math.min(BlockScorer.QUERY_GROUP, queries.length - first);
            float[][] vectors = new float[groupSize][];
            Progress[] group = new Progress[groupSize];
            for (int q = 0; q < groupSize; q++) {
                vectors[q] = queries[first + q].vector();
                group[q] = new Progress(store, queries[first + q], from);
                tops[first + q] = group[q].top;
            }
            scorer.score(vectors, from, to, (scores, stride, start, count) -> {
                for (int q = 0; q < groupSize; q++) {
                    group[q].offer(scores, q * stride, start, count);
                }
                return true;
            });
        }
        return tops;
    }

    /** One query's heap and its position in its excluded ordinals as a scan moves up. */
    private static final class Progress {
        private final VectorStore store;
        private final Query query;
        private final TopK top;
        private final float lowest;
        private final float maybeAbove;
        private final float surelyAbove;
        private float[] scratch;
        private int nextExcluded;

        Progress(VectorStore store, Query query, int from) {
            this.store = store;
            this.query = query;
            this.top = new TopK(query.capacity());
            this.lowest = query.minScore() - query.slack();
            this.maybeAbove = query.maxScore() - query.slack(); // infinite when there is no ceiling
            this.surelyAbove = query.maxScore() + query.slack();
            this.nextExcluded = firstAtOrAfter(query.excludedOrdinals(), from);
        }

        /**
         * Offers the scores of ordinals {@code [start, start + count)}, at {@code scores[row]} on. Ordinals only
         * grow during a scan, so once the heap is full a score equal to its worst loses the tie and can be
         * skipped as cheaply as a lower one: most scores cost one comparison.
         */
        void offer(float[] scores, int row, int start, int count) {
            int[] excluded = query.excludedOrdinals();
            BitSet removed = query.removedOrdinals();
            float lowest = this.lowest;
            boolean full = top.isFull();
            float worst = full ? top.worstScore() : Float.NEGATIVE_INFINITY;
            for (int j = 0; j < count; j++) {
                float score = scores[row + j];
                if (score < lowest || (full && score <= worst)) {
                    continue;
                }
                int ordinal = start + j;
                if (removed.get(ordinal)) {
                    continue;
                }
                while (nextExcluded < excluded.length && excluded[nextExcluded] < ordinal) {
                    nextExcluded++;
                }
                if (nextExcluded < excluded.length && excluded[nextExcluded] == ordinal) {
                    continue;
                }
                if (score > maybeAbove && (score > surelyAbove || exactScore(ordinal) > query.maxScore())) {
                    continue;
                }
                if (!query.allowed().test(ordinal)) {
                    continue;
                }
                top.offer(ordinal, score);
                if (top.isFull()) {
                    full = true;
                    worst = top.worstScore();
                }
            }
        }

        /** Only reached for approximate stores: for an exact one {@code maybeAbove == surelyAbove}. */
        private float exactScore(int ordinal) {
            if (scratch == null) {
                scratch = new float[query.vector().length];
            }
            return store.exactScore(query.vector(), ordinal, scratch);
        }
    }

    /** The index of the first element {@code >= ordinal} in a sorted array. */
    private static int firstAtOrAfter(int[] sorted, int ordinal) {
        int i = Arrays.binarySearch(sorted, ordinal);
        return i >= 0 ? i : -i - 1;
    }
}
