package io.simdex.map;

import io.simdex.kernels.VectorMath;

import java.util.Arrays;
import java.util.Random;

/**
 * Spherical k-means on unit vectors: cosine similarity, centroids renormalized to unit length. Seeded by
 * k-means++ from a fixed seed, then at most {@value #MAX_ITERATIONS} Lloyd steps, so the same rows in the same
 * order always give the same centroids.
 */
final class KMeans {

    static final int MAX_ITERATIONS = 20;
    /** The most clusters a map shows: more would need more colours than a reader tells apart. */
    static final int MAX_CLUSTERS = 24;
    private static final long SEED = 14L;

    private KMeans() {
    }

    /** How many clusters {@code n} papers get: {@code round(sqrt(n / 2))} held to [2, 24], and never more than n. */
    static int clusterCount(int n) {
        int k = (int) Math.round(Math.sqrt(n / 2.0));
        return Math.min(n, Math.max(2, Math.min(MAX_CLUSTERS, k)));
    }

    /**
     * The {@code k} centroids of the rows.
     *
     * @param rows unit vectors of one length, at least {@code k} of them
     * @throws IllegalArgumentException if {@code k} is not in [1, rows]
     */
    static float[][] fit(float[][] rows, int k) {
        if (k < 1 || k > rows.length) {
            throw new IllegalArgumentException("k must be 1.." + rows.length + " for " + rows.length
                    + " rows, got " + k);
        }
        float[][] centroids = seeds(rows, k);
        int[] assignment = new int[rows.length];
        Arrays.fill(assignment, -1);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            boolean changed = false;
            for (int i = 0; i < rows.length; i++) {
                int nearest = nearest(centroids, rows[i]);
                changed |= nearest != assignment[i];
                assignment[i] = nearest;
            }
            if (!changed) {
                break;
            }
            float[][] sums = new float[k][rows[0].length];
            for (int i = 0; i < rows.length; i++) {
                VectorMath.addScaled(sums[assignment[i]], rows[i], 1f);
            }
            for (int c = 0; c < k; c++) {
                if (VectorMath.l2Norm(sums[c]) > 0f) { // an empty cluster keeps its centroid
                    VectorMath.normalizeInPlace(sums[c]);
                    centroids[c] = sums[c];
                }
            }
        }
        return centroids;
    }

    /** The index of the centroid most similar to {@code row}; the lowest index among equals. */
    static int nearest(float[][] centroids, float[] row) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            float score = VectorMath.dot(centroids[c], row);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /** k-means++: each next seed drawn with probability proportional to its cosine distance to the nearest seed. */
    private static float[][] seeds(float[][] rows, int k) {
        var random = new Random(SEED);
        float[][] centroids = new float[k][];
        centroids[0] = rows[random.nextInt(rows.length)].clone();
        double[] distance = new double[rows.length];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < rows.length; i++) {
                distance[i] = Math.min(distance[i], Math.max(0.0, 1.0 - VectorMath.dot(rows[i], centroids[c - 1])));
                total += distance[i];
            }
            centroids[c] = rows[pick(distance, total, random)].clone();
        }
        return centroids;
    }

    private static int pick(double[] distance, double total, Random random) {
        if (total <= 0) {
            return random.nextInt(distance.length); // every row is a seed already: any will do
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < distance.length; i++) {
            if (distance[i] > 0) {
                cumulative += distance[i];
                last = i;
                if (cumulative > target) {
                    return i;
                }
            }
        }
        return last;
    }
}
