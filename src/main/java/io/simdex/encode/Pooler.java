package io.simdex.encode;

import io.simdex.kernels.VectorMath;

/** Turns the model's token vectors into one unit-length vector per text (sentence-transformers semantics). */
final class Pooler {

    private Pooler() {
    }

    /**
     * Pools and, unless the model's graph normalizes itself, L2-normalizes.
     *
     * @param hidden the model output, {@code rows × length × dim}, row-major
     * @param batch the input, whose mask says which positions are real tokens
     * @param normalize whether to L2-normalize each pooled vector
     * @return {@code rows} vectors of {@code dim} floats, each of unit length when normalized (a zero vector
     *         stays zero)
     */
    static float[][] pool(float[] hidden, TokenBatch batch, int dim, Pooling pooling, boolean normalize) {
        int rows = batch.rows();
        int length = batch.length();
        if (hidden.length != rows * length * dim) {
            throw new EncoderException("model output has " + hidden.length + " values, expected "
                    + rows + " × " + length + " × " + dim);
        }
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            float[] v = pooling == Pooling.CLS
                    ? java.util.Arrays.copyOfRange(hidden, r * length * dim, r * length * dim + dim)
                    : mean(hidden, batch.mask(), r, length, dim);
            if (normalize) {
                normalize(v);
            }
            out[r] = v;
        }
        return out;
    }

    private static float[] mean(float[] hidden, long[] mask, int row, int length, int dim) {
        float[] sum = new float[dim];
        int count = 0;
        for (int t = 0; t < length; t++) {
            if (mask[row * length + t] == 0) {
                continue;
            }
            count++;
            int base = (row * length + t) * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += hidden[base + d];
            }
        }
        float inv = 1f / Math.max(count, 1);
        for (int d = 0; d < dim; d++) {
            sum[d] *= inv;
        }
        return sum;
    }

    /**
     * The L2-normalized weighted mean of {@code vectors[from, to)}, where {@code weights} is indexed like
     * {@code vectors}: how the windows of one long text become its vector.
     */
    static float[] weightedMean(float[][] vectors, int[] weights, int from, int to) {
        int dim = vectors[from].length;
        float[] sum = new float[dim];
        for (int r = from; r < to; r++) {
            float w = weights[r];
            float[] v = vectors[r];
            for (int d = 0; d < dim; d++) {
                sum[d] += w * v[d];
            }
        }
        normalize(sum);
        return sum;
    }

    /** Scales a non-zero vector to unit length with the project's one normalization; a zero vector stays zero. */
    private static void normalize(float[] v) {
        if (VectorMath.l2Norm(v) > 0f) {
            VectorMath.normalizeInPlace(v);
        }
    }
}
