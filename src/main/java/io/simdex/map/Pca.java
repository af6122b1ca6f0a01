package io.simdex.map;

import io.simdex.kernels.VectorMath;

import java.util.Random;

/**
 * Principal component analysis down to two axes: the covariance matrix of the rows (d × d, from dot products of
 * centered columns), then its top two eigenvectors by power iteration, the second kept orthogonal to the first.
 * Deterministic: a fixed start vector, and each axis signed so that its largest-magnitude component is positive.
 */
final class Pca {

    /** Power iteration stops when an axis moves less than this between steps (or after the most steps). */
    private static final double TOLERANCE = 1e-10;
    private static final int MAX_STEPS = 1_000;
    private static final long SEED = 384L;

    private Pca() {
    }

    /**
     * The mean of the rows and the two directions along which they vary most.
     *
     * @param first  unit length; zeros only when the rows do not vary
     * @param second unit length and orthogonal to {@code first}; zeros when the rows vary along one axis at most
     *               and {@code d = 1}
     */
    record Axes(float[] mean, float[] first, float[] second) {

        /** The row's coordinates on the two axes, before any scaling. */
        float[] project(float[] row) {
            return new float[] {VectorMath.dot(row, first) - VectorMath.dot(mean, first),
                    VectorMath.dot(row, second) - VectorMath.dot(mean, second)};
        }
    }

    /**
     * @param rows at least one, all of the same length
     * @throws IllegalArgumentException if there are no rows or their lengths differ
     */
    static Axes fit(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("principal components need at least one row");
        }
        int m = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        for (float[] row : rows) {
            if (row.length != d) {
                throw new IllegalArgumentException("rows have " + d + " and " + row.length + " components");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= m;
        }
        // centered and column-major, so each covariance entry is one dot product of two contiguous columns
        float[] columns = new float[Math.multiplyExact(d, m)];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                columns[j * m + i] = (float) (rows[i][j] - mean[j]);
            }
        }
        double[][] covariance = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double c = VectorMath.dot(columns, a * m, columns, b * m, m) / (double) m;
                covariance[a][b] = c;
                covariance[b][a] = c;
            }
        }
        double[] first = topEigenvector(covariance, null);
        double[] second = topEigenvector(covariance, first);
        return new Axes(floats(mean), floats(first), floats(second));
    }

    /** The unit eigenvector of the largest eigenvalue of symmetric {@code c}, within the complement of {@code not}. */
    static double[] topEigenvector(double[][] c, double[] not) {
        int d = c.length;
        var random = new Random(SEED);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = random.nextGaussian();
        }
        if (!unitOrthogonal(v, not)) {
            return new double[d];
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] w = new double[d];
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += c[a][b] * v[b];
                }
                w[a] = s;
            }
            if (!unitOrthogonal(w, not)) {
                break; // no variance left in this direction: any unit vector is an eigenvector
            }
            double moved = 0;
            for (int j = 0; j < d; j++) {
                moved += (w[j] - v[j]) * (w[j] - v[j]);
            }
            v = w;
            if (moved < TOLERANCE * TOLERANCE) {
                break;
            }
        }
        int largest = 0;
        for (int j = 1; j < d; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < d; j++) {
                v[j] = -v[j];
            }
        }
        return v;
    }

    /** Removes {@code v}'s part along unit {@code not} (when given), then scales it to unit length; false if 0. */
    private static boolean unitOrthogonal(double[] v, double[] not) {
        if (not != null) {
            double along = 0;
            for (int j = 0; j < v.length; j++) {
                along += v[j] * not[j];
            }
            for (int j = 0; j < v.length; j++) {
                v[j] -= along * not[j];
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm < 1e-30) {
            return false;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= norm;
        }
        return true;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            f[j] = (float) v[j];
        }
        return f;
    }
}
