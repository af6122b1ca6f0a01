package io.simdex.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An all-pairs scan of the first {@code size} vectors of a {@link VectorStore}: every pair {@code (i, j)},
 * {@code i < j}, of ordinals not removed, whose exact score is {@code >= minScore}, without ever holding more
 * than one block of scores per thread.
 *
 * <p>The stored vectors are taken as queries in blocks of {@value BlockScorer#QUERY_GROUP}; a block is scored
 * against the vectors from its own first ordinal on, with the batch kernel, and only {@code j > i} is kept, so
 * each pair is scored once (a dot product is symmetric, bit for bit: the kernels sum {@code q[d] * v[d]} over
 * {@code d} in the same order either way). Shares take the blocks in turn ({@code share}, {@code share +
 * shares}, …), since early blocks have more vectors after them. For an approximate store, scores at least
 * {@code minScore} less the slack are rescored exactly; the rest cannot qualify. Removed ordinals are still
 * scored with their block, and skipped where a pair would be kept.
 *
 * <p>The shares count what they find together, and all stop once more than {@code maxPairs} qualify.
 */
final class PairScan {

    private final VectorStore store;
    private final int size;
    private final BitSet removed;
    private final float minScore;
    private final int maxPairs;
    private final AtomicLong found = new AtomicLong();

    /**
     * A scan of ordinals {@code [0, size)} but the {@code removed} ones; the caller keeps the store and
     * {@code removed} from changing while shares run.
     */
    PairScan(VectorStore store, int size, BitSet removed, float minScore, int maxPairs) {
        this.store = store;
        this.size = size;
        this.removed = removed;
        this.minScore = minScore;
        this.maxPairs = maxPairs;
    }

    /** The number of query blocks: the most shares that get any work. */
    int blocks() {
        return (int) (((long) size + BlockScorer.QUERY_GROUP - 1) / BlockScorer.QUERY_GROUP);
    }

    /** Whether more than {@code maxPairs} pairs qualify; then the shares stopped early with partial pairs. */
    boolean overLimit() {
        return found.get() > maxPairs;
    }

    /** Scans query blocks {@code share}, {@code share + shares}, …; returns their pairs, unsorted. */
    OrdinalPairs share(int share, int shares) {
        int dimension = store.layout().dimension();
        int width = store.layout().groupWidth();
        BlockScorer scorer = new BlockScorer(store, BlockScorer.QUERY_GROUP, size);
        float[][] group = new float[BlockScorer.QUERY_GROUP][dimension];
        float[] lowest = new float[BlockScorer.QUERY_GROUP];
        float[] scratch = new float[dimension];
        OrdinalPairs pairs = new OrdinalPairs();
        long step = (long) shares * BlockScorer.QUERY_GROUP;
        for (long first = (long) share * BlockScorer.QUERY_GROUP; first < size && !overLimit(); first += step) {
            int firstQuery = (int) first;
            int count = Math.min(BlockScorer.QUERY_GROUP, size - firstQuery);
            float[][] queries = count == group.length ? group : Arrays.copyOf(group, count);
            for (int q = 0; q < count; q++) {
                store.read(firstQuery + q, queries[q]);
                lowest[q] = removed.get(firstQuery + q) ? Float.POSITIVE_INFINITY
                        : minScore - store.slack(queries[q]);
            }
            scorer.score(queries, firstQuery & -width, size, (scores, stride, start, blockCount) -> {
                int before = pairs.size();
                for (int q = 0; q < count; q++) {
                    int i = firstQuery + q;
                    int row = q * stride;
                    for (int j = Math.max(0, i + 1 - start); j < blockCount; j++) {
                        if (scores[row + j] >= lowest[q] && !removed.get(start + j)) {
                            keep(pairs, queries[q], i, start + j, scores[row + j], scratch);
                        }
                    }
                }
                return found.addAndGet(pairs.size() - before) <= maxPairs;
            });
        }
        return pairs;
    }

    /** Adds pair {@code (i, j)} if its exact score qualifies; {@code score} is the store's. */
    private void keep(OrdinalPairs pairs, float[] query, int i, int j, float score, float[] scratch) {
        float exact = store.exact() ? score : store.exactScore(query, j, scratch);
        if (exact >= minScore) {
            pairs.add(i, j, exact);
        }
    }
}
