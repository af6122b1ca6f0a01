package io.simdex.index;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A growable list of (first ordinal, second ordinal, score) on primitive arrays: what an all-pairs scan
 * collects before ids are looked up, with no object per pair. Not thread-safe: one per scan share.
 */
final class OrdinalPairs {

    private static final int INITIAL_CAPACITY = 16;

    private int[] firsts;
    private int[] seconds;
    private float[] scores;
    private int size;

    OrdinalPairs() {
        this(INITIAL_CAPACITY);
    }

    private OrdinalPairs(int capacity) {
        firsts = new int[capacity];
        seconds = new int[capacity];
        scores = new float[capacity];
    }

    /** Appends a pair; a score of -0 is kept as 0, so equal scores have equal bits. Scores must not be NaN. */
    void add(int first, int second, float score) {
        assert !Float.isNaN(score) : "NaN score for pair (" + first + ", " + second + ")";
        if (size == firsts.length) {
            int capacity = (int) Math.min(FlatIndex.MAX_SIZE, 2L * size);
            if (capacity == size) {
                throw new IllegalStateException("cannot hold more than " + size + " pairs");
            }
            firsts = Arrays.copyOf(firsts, capacity);
            seconds = Arrays.copyOf(seconds, capacity);
            scores = Arrays.copyOf(scores, capacity);
        }
        firsts[size] = first;
        seconds[size] = second;
        scores[size] = score + 0f;
        size++;
    }

    int size() {
        return size;
    }

    int first(int i) {
        return firsts[checked(i)];
    }

    int second(int i) {
        return seconds[checked(i)];
    }

    float score(int i) {
        return scores[checked(i)];
    }

    /**
     * Every pair of {@code parts}, ordered by score descending, then first ordinal ascending, then second
     * ordinal ascending.
     *
     * <p>Sorts one {@code long} per pair, the score's order in the high half and the pair's position in the
     * low half; pairs with equal scores, rare outside duplicates, are then put in ordinal order.
     */
    static OrdinalPairs sorted(List<OrdinalPairs> parts) {
        long total = 0;
        for (OrdinalPairs part : parts) {
            total += part.size;
        }
        if (total > FlatIndex.MAX_SIZE) {
            throw new IllegalStateException("cannot sort " + total + " pairs; at most " + FlatIndex.MAX_SIZE);
        }
        OrdinalPairs all = new OrdinalPairs(Math.max(1, (int) total));
        for (OrdinalPairs part : parts) {
            System.arraycopy(part.firsts, 0, all.firsts, all.size, part.size);
            System.arraycopy(part.seconds, 0, all.seconds, all.size, part.size);
            System.arraycopy(part.scores, 0, all.scores, all.size, part.size);
            all.size += part.size;
        }
        long[] keys = new long[all.size];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) descending(all.scores[i]) << 32 | i;
        }
        Arrays.sort(keys);
        OrdinalPairs out = new OrdinalPairs(Math.max(1, all.size));
        for (int start = 0; start < keys.length; ) {
            int end = start + 1;
            while (end < keys.length && keys[end] >>> 32 == keys[start] >>> 32) {
                end++;
            }
            if (end - start == 1) {
                int at = (int) keys[start];
                out.add(all.firsts[at], all.seconds[at], all.scores[at]);
            } else {
                all.addInOrdinalOrder(keys, start, end, out);
            }
            start = end;
        }
        return out;
    }

    /** Appends the pairs at positions {@code (int) keys[start, end)}, which share one score, in ordinal order. */
    private void addInOrdinalOrder(long[] keys, int start, int end, OrdinalPairs out) {
        float score = scores[(int) keys[start]];
        long[] ordinals = new long[end - start];
        for (int i = start; i < end; i++) {
            int at = (int) keys[i];
            ordinals[i - start] = (long) firsts[at] << 32 | seconds[at];
        }
        Arrays.sort(ordinals);
        for (long pair : ordinals) {
            out.add((int) (pair >>> 32), (int) pair, score);
        }
    }

    /** An int whose signed order is the reverse of the scores' order (scores are not NaN, and -0 is 0). */
    private static int descending(float score) {
        int bits = Float.floatToRawIntBits(score);
        return ~(bits ^ (bits >> 31 & 0x7fffffff));
    }

    private int checked(int i) {
        return Objects.checkIndex(i, size);
    }
}
