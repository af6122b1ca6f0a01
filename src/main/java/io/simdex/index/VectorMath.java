package io.simdex.index;

import java.util.Objects;

/** The only place in simdex that loops over vector components: dot products, norms, normalization. */
public final class VectorMath {

    // Public methods check their arguments; the private kernels below run the loops on trusted input.
    // A SIMD implementation (jdk.incubator.vector) will replace the kernels behind these same methods.

    private VectorMath() {
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
        return dotKernel(a, 0, b, 0, a.length);
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
        return dotKernel(a, aOffset, b, bOffset, length);
    }

    /**
     * Returns the Euclidean length of {@code v}: 0 for a zero or empty vector, NaN if a component is NaN, and
     * infinity if a component is infinite or the norm exceeds the float range. Components whose squares under-
     * or overflow a float are handled by rescaling, so any non-zero finite vector has a positive norm.
     */
    public static float l2Norm(float[] v) {
        Objects.requireNonNull(v, "v");
        float sumOfSquares = dotKernel(v, 0, v, 0, v.length);
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
        float sumOfSquares = dotKernel(v, 0, v, 0, v.length);
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
        divideKernel(v, (float) Math.sqrt(dotKernel(v, 0, v, 0, v.length)));
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

    private static float dotKernel(float[] a, int aOffset, float[] b, int bOffset, int length) {
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
