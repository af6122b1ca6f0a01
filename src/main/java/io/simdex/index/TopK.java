package io.simdex.index;

/**
 * A bounded min-heap of (ordinal, score) pairs on primitive arrays that keeps the best {@code capacity}
 * offers, where better means higher score, then lower ordinal.
 *
 * <p>The root is the worst retained entry, so a full heap rejects a newcomer with one comparison. Offers do
 * not allocate. Not thread-safe: use one instance per query.
 */
final class TopK {

    private final float[] scores;
    private final int[] ordinals;
    private int size;

    TopK(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
        }
        this.scores = new float[capacity];
        this.ordinals = new int[capacity];
    }

    int capacity() {
        return scores.length;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == scores.length;
    }

    /** The lowest retained score: a full heap rejects anything lower (and equal scores from later ordinals). */
    float worstScore() {
        if (size == 0) {
            throw new IllegalStateException("the heap is empty");
        }
        return scores[0];
    }

    /**
     * Offers an entry; it is kept if the heap has room or it beats the worst retained entry, which it then
     * replaces. Scores must not be NaN.
     *
     * @return whether the entry was kept
     */
    boolean offer(int ordinal, float score) {
        assert !Float.isNaN(score) : "NaN score for ordinal " + ordinal;
        if (size < scores.length) {
            siftUp(size++, ordinal, score);
            return true;
        }
        if (!isBetter(score, ordinal, scores[0], ordinals[0])) {
            return false;
        }
        siftDown(0, ordinal, score);
        return true;
    }

    /**
     * Moves the retained entries, best-first, into the first {@link #size()} slots of the given arrays and
     * empties the heap.
     *
     * @return the number of entries written
     */
    int drain(int[] ordinalsOut, float[] scoresOut) {
        int count = size;
        if (ordinalsOut.length < count || scoresOut.length < count) {
            throw new IllegalArgumentException("output arrays hold " + ordinalsOut.length + " and "
                    + scoresOut.length + " entries but " + count + " are needed");
        }
        for (int i = count - 1; i >= 0; i--) {
            ordinalsOut[i] = ordinals[0];
            scoresOut[i] = scores[0];
            size--;
            if (size > 0) {
                siftDown(0, ordinals[size], scores[size]);
            }
        }
        return count;
    }

    private static boolean isBetter(float score, int ordinal, float otherScore, int otherOrdinal) {
        return score > otherScore || (score == otherScore && ordinal < otherOrdinal);
    }

    /** Places the entry at {@code i} or above: every parent is worse than its children. */
    private void siftUp(int i, int ordinal, float score) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!isBetter(scores[parent], ordinals[parent], score, ordinal)) {
                break;
            }
            scores[i] = scores[parent];
            ordinals[i] = ordinals[parent];
            i = parent;
        }
        scores[i] = score;
        ordinals[i] = ordinal;
    }

    /** Places the entry at {@code i} or below, among the first {@code size} slots. */
    private void siftDown(int i, int ordinal, float score) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            int right = child + 1;
            if (right < size && isBetter(scores[child], ordinals[child], scores[right], ordinals[right])) {
                child = right;
            }
            if (!isBetter(score, ordinal, scores[child], ordinals[child])) {
                break;
            }
            scores[i] = scores[child];
            ordinals[i] = ordinals[child];
            i = child;
        }
        scores[i] = score;
        ordinals[i] = ordinal;
    }
}
