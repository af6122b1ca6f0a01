package io.simdex.kernels;

import static jdk.incubator.vector.VectorOperators.ADD;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link VectorKernels} on the Vector API ({@code jdk.incubator.vector}), at the platform's preferred
 * vector width; a packed group is one register wide.
 *
 * <p>Load this class only when the module is in the boot layer (see {@link KernelSelector}); otherwise its
 * references to {@code jdk.incubator.vector} fail with {@link NoClassDefFoundError}.
 *
 * <p>A scan broadcasts one query component and multiplies it into whole groups with fused multiply-adds; each
 * lane of an accumulator is one vector's dot product, so nothing is summed across lanes. One query runs four
 * groups side by side (memory-bound anyway). A batch runs six queries times two groups: twelve accumulators,
 * two group loads and six broadcasts per component, which keeps the FMA units nearly saturated (about 90% of
 * peak on AVX2). Int8 codes are widened to floats on the fly; a batch widens each block once into a scratch
 * array and reuses the float tile.
 */
final class PanamaKernels implements VectorKernels {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();

    /** Bytes with one lane per float lane, or null when there is no such shape (fewer than 8 lanes). */
    private static final VectorSpecies<Byte> BYTES = LANES >= 8
            ? ByteVector.SPECIES_MAX.withShape(VectorShape.forBitSize(LANES * Byte.SIZE))
            : null;

    /** Int8 scans on vectors narrower than 8 floats, where no byte vector matches a float vector. */
    private static final ScalarKernels NARROW_INT8 = new ScalarKernels(LANES);

    /** Queries per batch tile. */
    private static final int TILE_QUERIES = 6;

    /**
     * @throws UnsupportedOperationException if the preferred float vector has fewer than 4 lanes, where the
     *                                       Vector API would be slower than scalar code
     */
    PanamaKernels() {
        if (LANES < 4) {
            throw new UnsupportedOperationException("the preferred float vector has only " + LANES
                    + " lanes (" + FLOATS.vectorBitSize() + " bits); at least 4 are needed");
        }
    }

    @Override
    public String name() {
        return "panama " + FLOATS.vectorBitSize() + "-bit";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public int groupWidth() {
        return LANES;
    }

    @Override
    public float sum(float[] a, int from, int to) {
        int lanes = FLOATS.length();
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        FloatVector acc2 = FloatVector.zero(FLOATS);
        FloatVector acc3 = FloatVector.zero(FLOATS);
        int i = from;
        for (; i + 4 * lanes <= to; i += 4 * lanes) {
            acc0 = acc0.add(FloatVector.fromArray(FLOATS, a, i));
            acc1 = acc1.add(FloatVector.fromArray(FLOATS, a, i + lanes));
            acc2 = acc2.add(FloatVector.fromArray(FLOATS, a, i + 2 * lanes));
            acc3 = acc3.add(FloatVector.fromArray(FLOATS, a, i + 3 * lanes));
        }
        float s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public int fmaLanes() {
        return LANES;
    }

    /**
     * Twelve accumulators, each {@code acc = acc * x + y}: twelve independent chains cover an FMA latency of 4
     * cycles on 2 FMA units with room to spare, and twelve registers plus {@code x} and {@code y} fit in the 16
     * registers of AVX2 (AVX-512 and SVE have 32). {@code x} just below 1 keeps the values finite and normal.
     */
    @Override
    public float fmaBurst(int rounds) {
        FloatVector x = FloatVector.broadcast(FLOATS, 0.999_999f);
        FloatVector y = FloatVector.broadcast(FLOATS, 1e-6f);
        FloatVector a0 = FloatVector.broadcast(FLOATS, 0.01f);
        FloatVector a1 = FloatVector.broadcast(FLOATS, 0.02f);
        FloatVector a2 = FloatVector.broadcast(FLOATS, 0.03f);
        FloatVector a3 = FloatVector.broadcast(FLOATS, 0.04f);
        FloatVector a4 = FloatVector.broadcast(FLOATS, 0.05f);
        FloatVector a5 = FloatVector.broadcast(FLOATS, 0.06f);
        FloatVector a6 = FloatVector.broadcast(FLOATS, 0.07f);
        FloatVector a7 = FloatVector.broadcast(FLOATS, 0.08f);
        FloatVector a8 = FloatVector.broadcast(FLOATS, 0.09f);
        FloatVector a9 = FloatVector.broadcast(FLOATS, 0.10f);
        FloatVector a10 = FloatVector.broadcast(FLOATS, 0.11f);
        FloatVector a11 = FloatVector.broadcast(FLOATS, 0.12f);
        for (int r = 0; r < rounds; r++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        return a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))).add(a8.add(a9).add(a10.add(a11)))
                .reduceLanes(ADD);
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        int bound = FLOATS.loopBound(length);
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        for (; i + LANES < bound; i += 2 * LANES) {
            acc0 = FloatVector.fromArray(FLOATS, a, aOffset + i).fma(FloatVector.fromArray(FLOATS, b, bOffset + i), acc0);
            acc1 = FloatVector.fromArray(FLOATS, a, aOffset + i + LANES)
                    .fma(FloatVector.fromArray(FLOATS, b, bOffset + i + LANES), acc1);
        }
        for (; i < bound; i += LANES) {
            acc0 = FloatVector.fromArray(FLOATS, a, aOffset + i).fma(FloatVector.fromArray(FLOATS, b, bOffset + i), acc0);
        }
        float s = acc0.add(acc1).reduceLanes(ADD);
        for (; i < length; i++) {
            s = Math.fma(a[aOffset + i], b[bOffset + i], s);
        }
        return s;
    }

    @Override
    public float dotInScanOrder(float[] query, float[] v, int offset) {
        float s = 0f;
        for (int d = 0; d < query.length; d++) {
            s = Math.fma(query[d], v[offset + d], s);
        }
        return s;
    }

    @Override
    public void scoreGroups(float[] query, float[] packed, int offset, int groups, float[] scores) {
        scoreGroups(query, packed, offset, groups, scores, 0);
    }

    @Override
    public void scoreGroupsBatch(float[][] queries, float[] packed, int offset, int groups, float[] scores) {
        int perQuery = groups * LANES;
        int q = 0;
        for (; q + TILE_QUERIES <= queries.length; q += TILE_QUERIES) {
            int g = 0;
            for (; g + 2 <= groups; g += 2) {
                tile6x2(queries, q, packed, offset + g * LANES * queries[q].length, scores, q * perQuery + g * LANES,
                        perQuery);
            }
            for (int r = q; g < groups && r < q + TILE_QUERIES; r++) {
                scoreGroups(queries[r], packed, offset + g * LANES * queries[r].length, 1, scores,
                        r * perQuery + g * LANES);
            }
        }
        for (; q < queries.length; q++) {
            scoreGroups(queries[q], packed, offset, groups, scores, q * perQuery);
        }
    }

    @Override
    public void scoreInt8Groups(float[] query, byte[] codes, int offset, int groups, float[] scores) {
        if (BYTES == null) {
            NARROW_INT8.scoreInt8Groups(query, codes, offset, groups, scores);
            return;
        }
        scoreInt8Groups(query, codes, offset, groups, scores, 0);
    }

    @Override
    public void scoreInt8GroupsBatch(float[][] queries, byte[] codes, int offset, int groups, float[] scratch,
            float[] scores) {
        if (BYTES == null) {
            NARROW_INT8.scoreInt8GroupsBatch(queries, codes, offset, groups, scratch, scores);
            return;
        }
        if (queries.length < TILE_QUERIES) {
            for (int q = 0; q < queries.length; q++) {
                scoreInt8Groups(queries[q], codes, offset, groups, scores, q * groups * LANES);
            }
            return;
        }
        // Exact conversion, then the same fused chain as scoreInt8Groups: bit-identical scores.
        int length = groups * LANES * queries[0].length;
        for (int i = 0; i < length; i += LANES) {
            codes(codes, offset + i).intoArray(scratch, i);
        }
        scoreGroupsBatch(queries, scratch, 0, groups, scores);
    }

    /** One query against {@code groups} groups, four at a time; scores from {@code scores[out]}. */
    private static void scoreGroups(float[] query, float[] packed, int offset, int groups, float[] scores, int out) {
        int dim = query.length;
        int stride = dim * LANES;
        int g = 0;
        for (; g + 4 <= groups; g += 4) {
            int b0 = offset + g * stride;
            int b1 = b0 + stride;
            int b2 = b1 + stride;
            int b3 = b2 + stride;
            FloatVector a0 = FloatVector.zero(FLOATS);
            FloatVector a1 = FloatVector.zero(FLOATS);
            FloatVector a2 = FloatVector.zero(FLOATS);
            FloatVector a3 = FloatVector.zero(FLOATS);
            for (int d = 0; d < dim; d++) {
                FloatVector x = FloatVector.broadcast(FLOATS, query[d]);
                int row = d * LANES;
                a0 = x.fma(FloatVector.fromArray(FLOATS, packed, b0 + row), a0);
                a1 = x.fma(FloatVector.fromArray(FLOATS, packed, b1 + row), a1);
                a2 = x.fma(FloatVector.fromArray(FLOATS, packed, b2 + row), a2);
                a3 = x.fma(FloatVector.fromArray(FLOATS, packed, b3 + row), a3);
            }
            int s = out + g * LANES;
            a0.intoArray(scores, s);
            a1.intoArray(scores, s + LANES);
            a2.intoArray(scores, s + 2 * LANES);
            a3.intoArray(scores, s + 3 * LANES);
        }
        for (; g < groups; g++) {
            int b = offset + g * stride;
            FloatVector a = FloatVector.zero(FLOATS);
            for (int d = 0; d < dim; d++) {
                a = FloatVector.broadcast(FLOATS, query[d]).fma(FloatVector.fromArray(FLOATS, packed, b + d * LANES), a);
            }
            a.intoArray(scores, out + g * LANES);
        }
    }

    /**
     * Queries {@code [first, first + 6)} against the two groups at {@code offset}; query {@code first + r}'s
     * scores go to {@code scores[out + r * rowStride, +2 * LANES)}.
     */
    private static void tile6x2(float[][] queries, int first, float[] packed, int offset, float[] scores, int out,
            int rowStride) {
        float[] q0 = queries[first];
        float[] q1 = queries[first + 1];
        float[] q2 = queries[first + 2];
        float[] q3 = queries[first + 3];
        float[] q4 = queries[first + 4];
        float[] q5 = queries[first + 5];
        int dim = q0.length;
        int b0 = offset;
        int b1 = offset + dim * LANES;
        FloatVector a00 = FloatVector.zero(FLOATS);
        FloatVector a01 = FloatVector.zero(FLOATS);
        FloatVector a10 = FloatVector.zero(FLOATS);
        FloatVector a11 = FloatVector.zero(FLOATS);
        FloatVector a20 = FloatVector.zero(FLOATS);
        FloatVector a21 = FloatVector.zero(FLOATS);
        FloatVector a30 = FloatVector.zero(FLOATS);
        FloatVector a31 = FloatVector.zero(FLOATS);
        FloatVector a40 = FloatVector.zero(FLOATS);
        FloatVector a41 = FloatVector.zero(FLOATS);
        FloatVector a50 = FloatVector.zero(FLOATS);
        FloatVector a51 = FloatVector.zero(FLOATS);
        for (int d = 0; d < dim; d++) {
            int row = d * LANES;
            FloatVector v0 = FloatVector.fromArray(FLOATS, packed, b0 + row);
            FloatVector v1 = FloatVector.fromArray(FLOATS, packed, b1 + row);
            FloatVector x = FloatVector.broadcast(FLOATS, q0[d]);
            a00 = x.fma(v0, a00);
            a01 = x.fma(v1, a01);
            x = FloatVector.broadcast(FLOATS, q1[d]);
            a10 = x.fma(v0, a10);
            a11 = x.fma(v1, a11);
            x = FloatVector.broadcast(FLOATS, q2[d]);
            a20 = x.fma(v0, a20);
            a21 = x.fma(v1, a21);
            x = FloatVector.broadcast(FLOATS, q3[d]);
            a30 = x.fma(v0, a30);
            a31 = x.fma(v1, a31);
            x = FloatVector.broadcast(FLOATS, q4[d]);
            a40 = x.fma(v0, a40);
            a41 = x.fma(v1, a41);
            x = FloatVector.broadcast(FLOATS, q5[d]);
            a50 = x.fma(v0, a50);
            a51 = x.fma(v1, a51);
        }
        store2(a00, a01, scores, out);
        store2(a10, a11, scores, out + rowStride);
        store2(a20, a21, scores, out + 2 * rowStride);
        store2(a30, a31, scores, out + 3 * rowStride);
        store2(a40, a41, scores, out + 4 * rowStride);
        store2(a50, a51, scores, out + 5 * rowStride);
    }

    private static void store2(FloatVector first, FloatVector second, float[] scores, int at) {
        first.intoArray(scores, at);
        second.intoArray(scores, at + LANES);
    }

    /** Components {@code [at, at + LANES)} of a byte array, as floats. */
    private static FloatVector codes(byte[] codes, int at) {
        return (FloatVector) ByteVector.fromArray(BYTES, codes, at).castShape(FLOATS, 0);
    }

    /** {@link #scoreGroups} on int8 codes. */
    private static void scoreInt8Groups(float[] query, byte[] codes, int offset, int groups, float[] scores,
            int out) {
        int dim = query.length;
        int stride = dim * LANES;
        int g = 0;
        for (; g + 4 <= groups; g += 4) {
            int b0 = offset + g * stride;
            int b1 = b0 + stride;
            int b2 = b1 + stride;
            int b3 = b2 + stride;
            FloatVector a0 = FloatVector.zero(FLOATS);
            FloatVector a1 = FloatVector.zero(FLOATS);
            FloatVector a2 = FloatVector.zero(FLOATS);
            FloatVector a3 = FloatVector.zero(FLOATS);
            for (int d = 0; d < dim; d++) {
                FloatVector x = FloatVector.broadcast(FLOATS, query[d]);
                int row = d * LANES;
                a0 = x.fma(codes(codes, b0 + row), a0);
                a1 = x.fma(codes(codes, b1 + row), a1);
                a2 = x.fma(codes(codes, b2 + row), a2);
                a3 = x.fma(codes(codes, b3 + row), a3);
            }
            int s = out + g * LANES;
            a0.intoArray(scores, s);
            a1.intoArray(scores, s + LANES);
            a2.intoArray(scores, s + 2 * LANES);
            a3.intoArray(scores, s + 3 * LANES);
        }
        for (; g < groups; g++) {
            int b = offset + g * stride;
            FloatVector a = FloatVector.zero(FLOATS);
            for (int d = 0; d < dim; d++) {
                a = FloatVector.broadcast(FLOATS, query[d]).fma(codes(codes, b + d * LANES), a);
            }
            a.intoArray(scores, out + g * LANES);
        }
    }
}
