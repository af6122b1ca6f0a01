package io.simdex.kernels;

import java.util.Objects;

/**
 * The only place in simdex that loops over vector components: dot products, norms, normalization, int8
 * quantization.
 *
 * <p>Methods check their arguments, then run a kernel. The hot kernels (dot products of one query or a batch
 * of queries against blocks of vectors) come from {@link VectorKernels}, chosen once per JVM by
 * {@link KernelSelector}: the Vector API when {@code jdk.incubator.vector} is available, else scalar Java;
 * {@link #implementation()} says which. The remaining loops run once per added vector and stay scalar.
 */
public final class VectorMath {

    private static final VectorKernels KERNELS = KernelSelector.select();

    private VectorMath() {
    }

    /**
     * A short description of the kernels in use, for logs and benchmarks: {@code "panama <bits>-bit"} for the
     * Vector API at the platform's preferred width, or {@code "scalar"}.
     */
    public static String implementation() {
        return KERNELS.name();
    }

    /**
     * Adds {@code scale * v} to {@code acc} in place ({@code acc} may be {@code v}); for combining a few vectors,
     * such as example papers, into one query.
     *
     * @throws IllegalArgumentException if the lengths differ or {@code scale} is not finite
     */
    public static void addScaled(float[] acc, float[] v, float scale) {
        Objects.requireNonNull(acc, "acc");
        Objects.requireNonNull(v, "v");
        if (acc.length != v.length) {
            throw new IllegalArgumentException(
                    "vector lengths differ: acc has " + acc.length + " components, v has " + v.length);
        }
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite but was " + scale);
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] += scale * v[i];
        }
    }

    /**
     * Returns the dot product of two vectors of the same length (0 for two empty vectors).
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static float dot(float[] a, float[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "vector lengths differ: a has " + a.length + " components, b has " + b.length);
        }
        return KERNELS.dot(a, 0, b, 0, a.length);
    }

    /**
     * Returns the dot product of {@code a[aOffset, aOffset + length)} and {@code b[bOffset, bOffset + length)}
     * (0 when {@code length} is 0).
     *
     * @throws IndexOutOfBoundsException if a range is negative or does not fit in its array
     */
    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        Objects.checkFromIndexSize(aOffset, length, a.length);
        Objects.checkFromIndexSize(bOffset, length, b.length);
        return KERNELS.dot(a, aOffset, b, bOffset, length);
    }

    /**
     * Returns the sum of {@code a[from, to)} (0 for an empty range), reading each element once with independent
     * accumulators: the least work a scan can do per byte, so its speed is a machine's memory-bandwidth floor.
     *
     * @throws IndexOutOfBoundsException if the range is negative or does not fit in {@code a}
     */
    public static float sum(float[] a, int from, int to) {
        Objects.checkFromToIndex(from, to, a.length);
        return KERNELS.sum(a, from, to);
    }

    /**
     * Independent multiply-add chains per {@link #fmaBurst} round: more than FMA latency × FMA units on current
     * x86-64 and ARM cores (4 cycles × 2 units), so the chains, not their latency, limit the speed.
     */
    public static final int FMA_CHAINS = 12;

    /** Float lanes per fused multiply-add in {@link #fmaBurst}: the SIMD register's width, or 1 for scalar code. */
    public static int fmaLanes() {
        return KERNELS.fmaLanes();
    }

    /**
     * Runs {@code rounds × FMA_CHAINS × fmaLanes()} fused multiply-adds (twice as many FLOPs) on values that
     * never leave the registers: the loop that measures a core's fp32 peak, with no memory traffic to wait for.
     *
     * @return a value that depends on every multiply-add, to be kept by the caller so the work is not dropped
     * @throws IllegalArgumentException if {@code rounds} is negative
     */
    public static float fmaBurst(int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be >= 0 but was " + rounds);
        }
        return KERNELS.fmaBurst(rounds);
    }

    /** Vectors per packed group for {@link #scoreGroups}: the float lanes of one SIMD register, or 8. */
    public static int groupWidth() {
        return KERNELS.groupWidth();
    }

    /**
     * Writes {@code v} as lane {@code lane} of the packed group at {@code offset}: component {@code d} goes to
     * {@code packed[offset + d * groupWidth() + lane]}.
     *
     * @throws IndexOutOfBoundsException if the lane or the group does not fit
     */
    public static void pack(float[] v, float[] packed, int offset, int lane) {
        int w = KERNELS.groupWidth();
        Objects.checkIndex(lane, w);
        checkGroups(v.length, packed.length, offset, 1);
        for (int d = 0; d < v.length; d++) {
            packed[offset + d * w + lane] = v[d];
        }
    }

    /** Reads lane {@code lane} of the packed group at {@code offset} into {@code out}: the inverse of {@link #pack}. */
    public static void unpack(float[] packed, int offset, int lane, float[] out) {
        int w = KERNELS.groupWidth();
        Objects.checkIndex(lane, w);
        checkGroups(out.length, packed.length, offset, 1);
        for (int d = 0; d < out.length; d++) {
            out[d] = packed[offset + d * w + lane];
        }
    }

    /**
     * The dot product of two vectors of the same length in the order the scans use, so that it equals, bit for
     * bit, the score {@link #scoreGroups} computes for the same pair (exact rescoring relies on it). Slower than
     * {@link #dot(float[], float[])}: one chain of dependent operations.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static float dotInScanOrder(float[] query, float[] v) {
        if (query.length != v.length) {
            throw new IllegalArgumentException(
                    "vector lengths differ: query has " + query.length + " components, v has " + v.length);
        }
        return KERNELS.dotInScanOrder(query, v, 0);
    }

    /**
     * Scores {@code groups} packed groups (see {@link #pack}) starting at {@code offset}: {@code scores[g *
     * groupWidth() + l]} is the dot product of {@code query} with lane {@code l} of group {@code g}.
     *
     * @throws IndexOutOfBoundsException if the groups do not fit in {@code packed} or {@code scores} is too short
     */
    public static void scoreGroups(float[] query, float[] packed, int offset, int groups, float[] scores) {
        checkGroups(query.length, packed.length, offset, groups);
        checkScores((long) groups * KERNELS.groupWidth(), scores.length);
        KERNELS.scoreGroups(query, packed, offset, groups, scores);
    }

    /**
     * {@link #scoreGroups} for several queries of the same length at once: query {@code q}'s scores start at
     * {@code scores[q * groups * groupWidth()]}, bit for bit the same as {@link #scoreGroups} would give. Tiled so
     * that a batch runs at the speed of arithmetic rather than of memory.
     *
     * @throws IllegalArgumentException  if the queries differ in length
     * @throws IndexOutOfBoundsException if the groups do not fit in {@code packed} or {@code scores} is too short
     */
    public static void scoreGroupsBatch(float[][] queries, float[] packed, int offset, int groups, float[] scores) {
        int dim = checkSameLength(queries);
        checkGroups(dim, packed.length, offset, groups);
        checkScores((long) queries.length * groups * KERNELS.groupWidth(), scores.length);
        KERNELS.scoreGroupsBatch(queries, packed, offset, groups, scores);
    }

    /**
     * Scores packed groups of int8 codes (see {@link #quantizeInt8}): {@code scores[j] = scales[scalesOffset +
     * j] * sum over d of query[d] * code[d]} for vector {@code j = g * groupWidth() + l}; an approximate dot
     * product with the quantized vectors.
     *
     * @throws IndexOutOfBoundsException if the groups do not fit in {@code codes} or {@code scales}, or
     *                                   {@code scores} is too short
     */
    public static void scoreInt8Groups(float[] query, byte[] codes, int offset, float[] scales, int scalesOffset,
            int groups, float[] scores) {
        int count = groups * KERNELS.groupWidth();
        checkGroups(query.length, codes.length, offset, groups);
        Objects.checkFromIndexSize(scalesOffset, count, scales.length);
        checkScores(count, scores.length);
        KERNELS.scoreInt8Groups(query, codes, offset, groups, scores);
        for (int j = 0; j < count; j++) {
            scores[j] *= scales[scalesOffset + j];
        }
    }

    /**
     * {@link #scoreInt8Groups} for several queries of the same length, laid out like {@link #scoreGroupsBatch};
     * bit for bit the same as one query at a time. {@code scratch} holds {@code groups * groupWidth() * d}
     * floats, for the codes widened once for all queries.
     *
     * @throws IllegalArgumentException  if the queries differ in length
     * @throws IndexOutOfBoundsException if the groups do not fit in {@code codes} or {@code scales}, or
     *                                   {@code scores} is too short
     */
    public static void scoreInt8GroupsBatch(float[][] queries, byte[] codes, int offset, float[] scales, int scalesOffset,
            int groups, float[] scratch, float[] scores) {
        int dim = checkSameLength(queries);
        int count = groups * KERNELS.groupWidth();
        checkGroups(dim, codes.length, offset, groups);
        Objects.checkFromIndexSize(scalesOffset, count, scales.length);
        checkScores((long) count * dim, scratch.length);
        checkScores((long) queries.length * count, scores.length);
        KERNELS.scoreInt8GroupsBatch(queries, codes, offset, groups, scratch, scores);
        for (int q = 0; q < queries.length; q++) {
            int row = q * count;
            for (int j = 0; j < count; j++) {
                scores[row + j] *= scales[scalesOffset + j];
            }
        }
    }

    /**
     * Quantizes {@code v} to int8 codes written as lane {@code lane} of the packed group at {@code offset}, with
     * one scale for the vector: {@code scale = max |v[d]| / 127} and {@code code[d] = round(v[d] / scale)}, so
     * {@code v[d]} is within {@code scale / 2} of {@code scale * code[d]}.
     *
     * @return the scale; 0 for a zero vector, whose codes are all 0
     * @throws IllegalArgumentException  if a component is NaN or infinite
     * @throws IndexOutOfBoundsException if the lane or the group does not fit
     */
    public static float quantizeInt8(float[] v, byte[] codes, int offset, int lane) {
        checkFinite(v);
        int w = KERNELS.groupWidth();
        Objects.checkIndex(lane, w);
        checkGroups(v.length, codes.length, offset, 1);
        float maxAbs = maxAbsKernel(v);
        float scale = maxAbs / 127f;
        for (int d = 0; d < v.length; d++) {
            codes[offset + d * w + lane] = maxAbs == 0f ? 0 : (byte) Math.max(-127, Math.min(127, Math.round(v[d] / scale)));
        }
        return scale;
    }

    /** The sum of the absolute values of the components of {@code v} (0 for an empty vector). */
    public static float l1Norm(float[] v) {
        Objects.requireNonNull(v, "v");
        float sum = 0f;
        for (float x : v) {
            sum += Math.abs(x);
        }
        return sum;
    }

    /** Checks that {@code groups} packed groups of {@code dimension} components from {@code offset} fit. */
    private static void checkGroups(int dimension, int arrayLength, int offset, int groups) {
        long length = (long) dimension * groups * KERNELS.groupWidth();
        if (groups < 0 || offset < 0 || offset + length > arrayLength) {
            throw new IndexOutOfBoundsException(groups + " groups of " + KERNELS.groupWidth() + " vectors of "
                    + dimension + " components at offset " + offset + " do not fit in an array of length "
                    + arrayLength);
        }
    }

    private static void checkScores(long needed, int length) {
        if (needed > length) {
            throw new IndexOutOfBoundsException(
                    "scores has room for " + length + " values but " + needed + " are needed");
        }
    }

    /** Returns the common length of the queries. */
    private static int checkSameLength(float[][] queries) {
        if (queries.length == 0) {
            return 0;
        }
        int dim = queries[0].length;
        for (int q = 1; q < queries.length; q++) {
            if (queries[q].length != dim) {
                throw new IllegalArgumentException("query " + q + " has " + queries[q].length
                        + " components but query 0 has " + dim + "; a batch needs queries of one length");
            }
        }
        return dim;
    }

    /**
     * Returns the Euclidean length of {@code v}: 0 for a zero or empty vector, NaN if a component is NaN, and
     * infinity if a component is infinite or the norm exceeds the float range. Components whose squares under-
     * or overflow a float are handled by rescaling, so any non-zero finite vector has a positive norm.
     */
    public static float l2Norm(float[] v) {
        Objects.requireNonNull(v, "v");
        float sumOfSquares = KERNELS.dot(v, 0, v, 0, v.length);
        if (isSafeSumOfSquares(sumOfSquares)) {
            return (float) Math.sqrt(sumOfSquares);
        }
        float maxAbs = maxAbsKernel(v);
        if (maxAbs == 0f || !Float.isFinite(maxAbs)) {
            return maxAbs;
        }
        return (float) (maxAbs * Math.sqrt(scaledSumOfSquaresKernel(v, maxAbs)));
    }

    /**
     * Scales {@code v} in place to unit Euclidean length. Vectors with very small or very large components are
     * rescaled first, so every non-zero finite vector can be normalized.
     *
     * @throws IllegalArgumentException if {@code v} is empty, all zeros, or has a NaN or infinite component
     */
    public static void normalizeInPlace(float[] v) {
        checkFinite(v);
        if (v.length == 0) {
            throw new IllegalArgumentException("cannot normalize an empty vector (0 components)");
        }
        float sumOfSquares = KERNELS.dot(v, 0, v, 0, v.length);
        if (isSafeSumOfSquares(sumOfSquares)) {
            divideKernel(v, (float) Math.sqrt(sumOfSquares));
            return;
        }
        float maxAbs = maxAbsKernel(v);
        if (maxAbs == 0f) {
            throw new IllegalArgumentException(
                    "cannot normalize a zero vector (all " + v.length + " components are 0)");
        }
        divideKernel(v, maxAbs); // the largest component is now ±1, so the sum of squares lies in [1, length]
        divideKernel(v, (float) Math.sqrt(KERNELS.dot(v, 0, v, 0, v.length)));
    }

    /**
     * Checks that every component of {@code v} is finite.
     *
     * @throws IllegalArgumentException naming the first NaN or infinite component and its index
     */
    public static void checkFinite(float[] v) {
        Objects.requireNonNull(v, "v");
        int bad = firstNonFiniteKernel(v);
        if (bad >= 0) {
            throw new IllegalArgumentException("component " + bad + " of " + v.length + " is " + v[bad]
                    + "; every component must be a finite float");
        }
    }

    /** Below MIN_NORMAL the squares lost precision to underflow; above MAX_VALUE they overflowed (or are NaN). */
    private static boolean isSafeSumOfSquares(float sumOfSquares) {
        return sumOfSquares >= Float.MIN_NORMAL && sumOfSquares <= Float.MAX_VALUE;
    }

    private static float maxAbsKernel(float[] v) {
        float max = 0f;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static double scaledSumOfSquaresKernel(float[] v, float scale) {
        double sum = 0;
        for (float x : v) {
            double y = x / (double) scale;
            sum += y * y;
        }
        return sum;
    }

    private static void divideKernel(float[] v, float divisor) {
        for (int i = 0; i < v.length; i++) {
            v[i] /= divisor;
        }
    }

    private static int firstNonFiniteKernel(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }
}
