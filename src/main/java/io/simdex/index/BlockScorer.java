package io.simdex.index;

/**
 * Scores a group of queries against a range of a {@link VectorStore}, block by block, each block small enough
 * to stay in the L2 cache while every query of the group is scored against it: each vector is read from
 * memory once per group rather than once per query. Keeps its buffers between calls; one per thread.
 */
final class BlockScorer {

    /** Queries scored together over one block; a multiple of the kernels' six-query tile. */
    static final int QUERY_GROUP = 96;

    /** A block holds about this many components (96 KiB of floats). */
    static final int BLOCK_COMPONENTS = 24 * 1024;

    /** Receives one block's scores. */
    @FunctionalInterface
    interface Sink {
        /**
         * Query {@code q}'s score of ordinal {@code start + j} is {@code scores[q * stride + j]}, for
         * {@code j < count}.
         *
         * @return whether to go on with the next block
         */
        boolean accept(float[] scores, int stride, int start, int count);
    }

    private final VectorStore store;
    private final int width;
    private final int block;
    private final float[] scratch;
    private final float[] scores;

    /**
     * Buffers for up to {@code maxQueries} queries (at most {@link #QUERY_GROUP}) over ranges of up to
     * {@code maxRange} vectors.
     */
    BlockScorer(VectorStore store, int maxQueries, int maxRange) {
        SegmentLayout layout = store.layout();
        this.store = store;
        this.width = layout.groupWidth();
        this.block = Math.min(layout.vectorsPerSegment(),
                Math.max(2 * width, BLOCK_COMPONENTS / layout.dimension() / (2 * width) * (2 * width)));
        int capacity = Math.min(block, roundUp(maxRange, width));
        this.scratch = new float[capacity * layout.dimension()];
        this.scores = new float[Math.min(QUERY_GROUP, maxQueries) * capacity];
    }

    /**
     * Scores {@code queries} (at most the number this scorer was made for) against ordinals {@code [from, to)}, ascending,
     * until the sink says stop. {@code from} must be a multiple of the store's group width, and {@code to} too
     * unless it is the store's size; {@code to - from} at most the range this scorer was made for.
     *
     * @return whether every block was scored (the sink never said stop)
     */
    boolean score(float[][] queries, int from, int to, Sink sink) {
        SegmentLayout layout = store.layout();
        for (int start = from; start < to; ) {
            int end = (int) Math.min(Math.min(to, layout.nextSegmentStart(start)), (long) start + block);
            int groups = roundUp(end - start, width) / width;
            store.scoreBatch(queries, start, groups, scratch, scores);
            if (!sink.accept(scores, groups * width, start, end - start)) {
                return false;
            }
            start = end;
        }
        return true;
    }

    static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
