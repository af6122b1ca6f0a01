package io.simdex.kernels;

/**
 * The {@link VectorKernels} in plain Java: the fallback when the Vector API is unavailable. A scan keeps one
 * running sum per lane of a group, so the lanes are independent chains the CPU can overlap.
 */
final class ScalarKernels implements VectorKernels {

    /** The group width when this class is the JVM's kernels. */
    static final int DEFAULT_GROUP_WIDTH = 8;

    private final int groupWidth;

    ScalarKernels() {
        this(DEFAULT_GROUP_WIDTH);
    }

    /** Kernels for groups of {@code groupWidth} vectors; {@link PanamaKernels} borrows them for int8 on narrow SIMD. */
    ScalarKernels(int groupWidth) {
        if (groupWidth < 1) {
            throw new IllegalArgumentException("groupWidth must be >= 1 but was " + groupWidth);
        }
        this.groupWidth = groupWidth;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String toString() {
        return name() + " (groups of " + groupWidth + ")";
    }

    @Override
    public int groupWidth() {
        return groupWidth;
    }

    @Override
    public float sum(float[] a, int from, int to) {
        // eight independent sums, so the adds are not one dependency chain
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int i = from;
        for (int end = from + ((to - from) & ~7); i < end; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public int fmaLanes() {
        return 1;
    }

    /** Twelve scalar chains, each {@code acc = fma(acc, x, y)}, as {@link PanamaKernels#fmaBurst} on one lane. */
    @Override
    public float fmaBurst(int rounds) {
        float x = 0.999_999f;
        float y = 1e-6f;
        float a0 = 0.01f;
        float a1 = 0.02f;
        float a2 = 0.03f;
        float a3 = 0.04f;
        float a4 = 0.05f;
        float a5 = 0.06f;
        float a6 = 0.07f;
        float a7 = 0.08f;
        float a8 = 0.09f;
        float a9 = 0.10f;
        float a10 = 0.11f;
        float a11 = 0.12f;
        for (int r = 0; r < rounds; r++) {
            a0 = Math.fma(a0, x, y);
            a1 = Math.fma(a1, x, y);
            a2 = Math.fma(a2, x, y);
            a3 = Math.fma(a3, x, y);
            a4 = Math.fma(a4, x, y);
            a5 = Math.fma(a5, x, y);
            a6 = Math.fma(a6, x, y);
            a7 = Math.fma(a7, x, y);
            a8 = Math.fma(a8, x, y);
            a9 = Math.fma(a9, x, y);
            a10 = Math.fma(a10, x, y);
            a11 = Math.fma(a11, x, y);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        int unrolled = length & ~3;
        for (; i < unrolled; i += 4) {
            int ai = aOffset + i;
            int bi = bOffset + i;
            s0 += a[ai] * b[bi];
            s1 += a[ai + 1] * b[bi + 1];
            s2 += a[ai + 2] * b[bi + 2];
            s3 += a[ai + 3] * b[bi + 3];
        }
        for (; i < length; i++) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float dotInScanOrder(float[] query, float[] v, int offset) {
        float s = 0f;
        for (int d = 0; d < query.length; d++) {
            s += query[d] * v[offset + d];
        }
        return s;
    }

    @Override
    public void scoreGroups(float[] query, float[] packed, int offset, int groups, float[] scores) {
        scoreGroups(query, packed, offset, groups, scores, 0);
    }

    @Override
    public void scoreGroupsBatch(float[][] queries, float[] packed, int offset, int groups, float[] scores) {
        for (int q = 0; q < queries.length; q++) {
            scoreGroups(queries[q], packed, offset, groups, scores, q * groups * groupWidth);
        }
    }

    @Override
    public void scoreInt8Groups(float[] query, byte[] codes, int offset, int groups, float[] scores) {
        scoreInt8Groups(query, codes, offset, groups, scores, 0);
    }

    @Override
    public void scoreInt8GroupsBatch(float[][] queries, byte[] codes, int offset, int groups, float[] scratch,
            float[] scores) {
        for (int q = 0; q < queries.length; q++) {
            scoreInt8Groups(queries[q], codes, offset, groups, scores, q * groups * groupWidth);
        }
    }

    private void scoreGroups(float[] query, float[] packed, int offset, int groups, float[] scores, int out) {
        int w = groupWidth;
        int dim = query.length;
        for (int g = 0; g < groups; g++) {
            int base = offset + g * dim * w;
            int s = out + g * w;
            if (w == 8) {
                scoreGroupOf8(query, packed, base, scores, s);
                continue;
            }
            for (int l = 0; l < w; l++) {
                scores[s + l] = 0f;
            }
            for (int d = 0; d < dim; d++) {
                float x = query[d];
                int row = base + d * w;
                for (int l = 0; l < w; l++) {
                    scores[s + l] += x * packed[row + l];
                }
            }
        }
    }

    /** The common width, with the eight sums in locals rather than in the (possibly aliased) output array. */
    private static void scoreGroupOf8(float[] query, float[] packed, int base, float[] scores, int s) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int d = 0; d < query.length; d++) {
            float x = query[d];
            int row = base + d * 8;
            s0 += x * packed[row];
            s1 += x * packed[row + 1];
            s2 += x * packed[row + 2];
            s3 += x * packed[row + 3];
            s4 += x * packed[row + 4];
            s5 += x * packed[row + 5];
            s6 += x * packed[row + 6];
            s7 += x * packed[row + 7];
        }
        scores[s] = s0;
        scores[s + 1] = s1;
        scores[s + 2] = s2;
        scores[s + 3] = s3;
        scores[s + 4] = s4;
        scores[s + 5] = s5;
        scores[s + 6] = s6;
        scores[s + 7] = s7;
    }

    private void scoreInt8Groups(float[] query, byte[] codes, int offset, int groups, float[] scores, int out) {
        int w = groupWidth;
        int dim = query.length;
        for (int g = 0; g < groups; g++) {
            int base = offset + g * dim * w;
            int s = out + g * w;
            if (w == 8) {
                scoreInt8GroupOf8(query, codes, base, scores, s);
                continue;
            }
            for (int l = 0; l < w; l++) {
                scores[s + l] = 0f;
            }
            for (int d = 0; d < dim; d++) {
                float x = query[d];
                int row = base + d * w;
                for (int l = 0; l < w; l++) {
                    scores[s + l] += x * codes[row + l];
                }
            }
        }
    }

    private static void scoreInt8GroupOf8(float[] query, byte[] codes, int base, float[] scores, int s) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int d = 0; d < query.length; d++) {
            float x = query[d];
            int row = base + d * 8;
            s0 += x * codes[row];
            s1 += x * codes[row + 1];
            s2 += x * codes[row + 2];
            s3 += x * codes[row + 3];
            s4 += x * codes[row + 4];
            s5 += x * codes[row + 5];
            s6 += x * codes[row + 6];
            s7 += x * codes[row + 7];
        }
        scores[s] = s0;
        scores[s + 1] = s1;
        scores[s + 2] = s2;
        scores[s + 3] = s3;
        scores[s + 4] = s4;
        scores[s + 5] = s5;
        scores[s + 6] = s6;
        scores[s + 7] = s7;
    }
}
