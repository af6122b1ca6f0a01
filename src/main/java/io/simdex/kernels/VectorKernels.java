package io.simdex.kernels;

/**
 * The hot loops behind {@link VectorMath}, in one implementation per instruction set: {@link ScalarKernels}
 * everywhere, {@link PanamaKernels} where the Vector API is available. {@link KernelSelector} picks one.
 *
 * <p>Arguments are trusted: {@link VectorMath} checks them.
 *
 * <p>Scans read vectors <em>packed</em> in groups of {@link #groupWidth()} vectors, component-major: component
 * {@code d} of lane {@code l} of the group at {@code offset} is at {@code offset + d * W + l}, where {@code W}
 * is the group width and {@code d < dim = query.length}. A kernel then multiplies one query component by the
 * same component of {@code W} vectors in one instruction, and each lane accumulates a complete dot product:
 * no horizontal sums.
 *
 * <p>Within one implementation, every scan score is the same sequence of float operations: starting from 0,
 * for {@code d} ascending, {@code s = s + query[d] * v[d]} (fused in {@link PanamaKernels}), which is also what
 * {@link #dotInScanOrder} computes. So single-query scans, batches, parallel scans and exact rescoring give
 * bit-identical scores, and rankings (ties included) do not depend on the path. The int8 scores likewise agree
 * between {@link #scoreInt8Groups} and {@link #scoreInt8GroupsBatch}.
 */
interface VectorKernels {

    /** A short description for logs and benchmarks, e.g. {@code "panama 256-bit"} or {@code "scalar"}. */
    String name();

    /** Vectors per packed group: the float lanes of one SIMD register (8 with AVX2). */
    int groupWidth();

    /** The sum of {@code a[from, to)}, read once front to back with independent accumulators. */
    float sum(float[] a, int from, int to);

    /** Float lanes of one fused multiply-add in {@link #fmaBurst}: the SIMD register's width, or 1 for scalar code. */
    int fmaLanes();

    /**
     * Runs {@code rounds} rounds of {@link VectorMath#FMA_CHAINS} independent fused multiply-add chains on values
     * that stay in registers (no memory is read), and returns a value that depends on every chain, so that the
     * JIT cannot drop any of them.
     */
    float fmaBurst(int rounds);

    /** The dot product of {@code a[aOffset, aOffset + length)} and {@code b[bOffset, bOffset + length)}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** The dot product of {@code query} and {@code v[offset, offset + query.length)}, in scan order. */
    float dotInScanOrder(float[] query, float[] v, int offset);

    /** {@code scores[g * W + l]} = score of lane {@code l} of group {@code g}, for the {@code groups} packed groups. */
    void scoreGroups(float[] query, float[] packed, int offset, int groups, float[] scores);

    /**
     * {@link #scoreGroups} for several queries of the same length: query {@code q}'s scores start at
     * {@code scores[q * groups * W]}; bit-identical to {@link #scoreGroups}.
     */
    void scoreGroupsBatch(float[][] queries, float[] packed, int offset, int groups, float[] scores);

    /**
     * {@link #scoreGroups} over int8 codes packed the same way: sum over {@code d} of {@code query[d] * code},
     * not yet multiplied by the vector's scale.
     */
    void scoreInt8Groups(float[] query, byte[] codes, int offset, int groups, float[] scores);

    /**
     * {@link #scoreInt8Groups} for several queries, laid out like {@link #scoreGroupsBatch}; bit-identical. May
     * convert the codes to floats in {@code scratch} (room for {@code groups * W * dim} floats) once and score
     * them with the float batch kernel: converting a byte costs as much as an FMA, so this pays from a few
     * queries on.
     */
    void scoreInt8GroupsBatch(float[][] queries, byte[] codes, int offset, int groups, float[] scratch,
            float[] scores);
}
