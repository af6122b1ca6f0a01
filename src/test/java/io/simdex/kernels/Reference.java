package io.simdex.kernels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Dumb, obviously correct double-precision versions of what the index computes, plus seeded test data. */
public final class Reference {

    private Reference() {
    }

    /** A hit as the reference computes it. */
    public record RefHit(String id, int insertionOrder, double score) {
    }

    public static double dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (double) a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    public static double norm(float[] v) {
        return Math.sqrt(dot(v, 0, v, 0, v.length));
    }

    public static double[] normalized(float[] v) {
        double norm = norm(v);
        double[] unit = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = v[i] / norm;
        }
        return unit;
    }

    public static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Components uniform in [-1, 1). */
    public static float[] randomVector(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = random.nextFloat() * 2f - 1f;
        }
        return v;
    }

    /** Components of magnitude in [0.5, 1.5) and random sign, so dropping any term changes a dot product. */
    public static float[] randomVectorAwayFromZero(Random random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            float magnitude = 0.5f + random.nextFloat();
            v[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return v;
    }

    /** A pair as the reference computes it; {@code first} was added before {@code second}. */
    public record RefPair(String first, String second, int firstOrder, int secondOrder, double score) {
    }

    /** Every vector added so far, searched by a full sort. */
    public static final class BruteForce {
        private final List<String> ids = new ArrayList<>();
        private final List<double[]> units = new ArrayList<>();

        public void add(String id, float[] vector) {
            ids.add(id);
            units.add(normalized(vector));
        }

        /** Every non-excluded vector with its cosine to {@code query}, best-first, ties by insertion order. */
        public List<RefHit> ranking(float[] query, Set<String> excludeIds) {
            double[] q = normalized(query);
            List<RefHit> all = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!excludeIds.contains(ids.get(i))) {
                    all.add(new RefHit(ids.get(i), i, dot(q, units.get(i))));
                }
            }
            all.sort(Comparator.comparingDouble(RefHit::score).reversed()
                    .thenComparingInt(RefHit::insertionOrder));
            return all;
        }

        /** Every pair scoring {@code >= minScore}, best-first, ties by first's then second's insertion order. */
        public List<RefPair> pairsAtOrAbove(double minScore) {
            List<RefPair> pairs = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    double score = dot(units.get(i), units.get(j));
                    if (score >= minScore) {
                        pairs.add(new RefPair(ids.get(i), ids.get(j), i, j, score));
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble(RefPair::score).reversed()
                    .thenComparingInt(RefPair::firstOrder).thenComparingInt(RefPair::secondOrder));
            return pairs;
        }

        public List<RefHit> search(float[] query, int k, Set<String> excludeIds, float minScore) {
            return search(query, k, excludeIds, minScore, Float.POSITIVE_INFINITY);
        }

        public List<RefHit> search(float[] query, int k, Set<String> excludeIds, float minScore, float maxScore) {
            return ranking(query, excludeIds).stream()
                    .filter(hit -> hit.score() >= minScore && hit.score() <= maxScore)
                    .limit(k)
                    .toList();
        }
    }
}
