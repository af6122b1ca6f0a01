package io.simdex.tools.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Calibration arithmetic: precision, recall and F1 of "score >= threshold" over labelled scores. */
public final class ThresholdSweep {

    /** The most thresholds one sweep may produce; a step that would give more is a mistake, not a request. */
    public static final int MAX_POINTS = 100_000;

    /** Tolerance for float steps: 0.5 to 1.0 by 0.05 must end at 1.0 even though 0.05f is not exactly 0.05. */
    private static final double STEP_SLACK = 1e-6;

    private static final Comparator<Point> BY_F1_THEN_THRESHOLD =
            Comparator.comparingDouble(Point::f1).thenComparing(Point::threshold);

    private ThresholdSweep() {
    }

    /**
     * One similarity score with the truth about its pair.
     *
     * @param score     the similarity of the pair, finite
     * @param duplicate whether the pair really is a duplicate
     */
    public record Labelled(float score, boolean duplicate) {

        public Labelled {
            if (!Float.isFinite(score)) {
                throw new IllegalArgumentException("labelled score must be finite, got " + score);
            }
        }
    }

    /**
     * How well "score >= threshold" separates duplicates from the rest.
     *
     * @param threshold       the cut; a score at or above it is flagged as a duplicate
     * @param precision       TP / (TP + FP); 1 when nothing is flagged (no flag is wrong)
     * @param recall          TP / (TP + FN); 1 when there are no duplicates (none is missed)
     * @param f1              the harmonic mean of precision and recall; 0 when both are 0
     * @param truePositives   duplicates flagged
     * @param falsePositives  non-duplicates flagged
     * @param falseNegatives  duplicates not flagged
     */
    public record Point(float threshold, double precision, double recall, double f1, int truePositives,
                        int falsePositives, int falseNegatives) {

        public Point {
            if (!Float.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, got " + threshold);
            }
            requireFraction("precision", precision);
            requireFraction("recall", recall);
            requireFraction("f1", f1);
            if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
                throw new IllegalArgumentException("counts must be >= 0, got TP=" + truePositives
                        + " FP=" + falsePositives + " FN=" + falseNegatives);
            }
        }

        private static void requireFraction(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
            }
        }
    }

    /**
     * Evaluates the thresholds {@code from, from + step, from + 2·step, …} up to and including {@code to}.
     *
     * <p>Each threshold is computed as {@code from + i·step} (not by repeated addition), and {@code to} itself is
     * included when the range is a whole number of steps give or take float rounding; the last threshold never
     * exceeds {@code to}. {@code from == to} gives one point.
     *
     * @param labelled the labelled scores; at least one
     * @param from     the first threshold, finite
     * @param to       the last threshold at most, finite, {@code >= from}
     * @param step     the distance between thresholds, finite and {@code > 0}
     * @return the points in increasing threshold order
     * @throws IllegalArgumentException if {@code labelled} is empty, the range or step is invalid, or the sweep
     *                                  would give more than {@link #MAX_POINTS} points
     * @throws NullPointerException     if {@code labelled} or one of its elements is null
     */
    public static List<Point> sweep(List<Labelled> labelled, float from, float to, float step) {
        Objects.requireNonNull(labelled, "labelled");
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one labelled score");
        }
        if (!Float.isFinite(from) || !Float.isFinite(to) || from > to) {
            throw new IllegalArgumentException("need finite from <= to, got from=" + from + " to=" + to);
        }
        if (!Float.isFinite(step) || step <= 0) {
            throw new IllegalArgumentException("step must be finite and > 0, got " + step);
        }
        double steps = Math.floor(((double) to - from) / step + STEP_SLACK);
        if (steps >= MAX_POINTS) {
            throw new IllegalArgumentException("from=" + from + " to=" + to + " by step=" + step + " gives "
                    + ((long) steps + 1) + " points, more than " + MAX_POINTS);
        }
        float[] duplicates = sortedScores(labelled, true);
        float[] others = sortedScores(labelled, false);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            float threshold = Math.min(to, (float) (from + i * (double) step));
            points.add(evaluate(threshold, duplicates, others));
        }
        return List.copyOf(points);
    }

    /**
     * The point with the highest F1; among equal F1, the one with the higher threshold, since it flags fewer
     * pairs for the same quality.
     *
     * @param points the points of a sweep, in any order; at least one
     * @throws IllegalArgumentException if {@code points} is empty
     * @throws NullPointerException     if {@code points} or one of its elements is null
     */
    public static Point best(List<Point> points) {
        Objects.requireNonNull(points, "points");
        return points.stream().map(point -> Objects.requireNonNull(point, "a point in points"))
                .max(BY_F1_THEN_THRESHOLD)
                .orElseThrow(() -> new IllegalArgumentException("best of no points is undefined"));
    }

    /**
     * The {@code p}-th percentile of the scores, interpolating linearly between the two nearest ranks (the
     * default of NumPy's {@code percentile}): the value at rank {@code p/100 · (n - 1)} of the sorted scores.
     * {@code p = 0} gives the minimum, {@code p = 100} the maximum; one score is every percentile of itself.
     * The array is not modified.
     *
     * @param scores the scores, at least one, none NaN
     * @param p      the percentile, in [0, 100]
     * @throws IllegalArgumentException if {@code scores} is empty or holds NaN, or {@code p} is outside [0, 100]
     * @throws NullPointerException     if {@code scores} is null
     */
    public static float percentile(float[] scores, double p) {
        Objects.requireNonNull(scores, "scores");
        if (scores.length == 0) {
            throw new IllegalArgumentException("percentile of no scores is undefined");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        if (Float.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("scores must not contain NaN");
        }
        double rank = p * (sorted.length - 1) / 100; // multiplying first keeps whole ranks exact
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return (float) (sorted[below] + (rank - below) * ((double) sorted[above] - sorted[below]));
    }

    private static Point evaluate(float threshold, float[] duplicates, float[] others) {
        int truePositives = countAtLeast(duplicates, threshold);
        int falsePositives = countAtLeast(others, threshold);
        int falseNegatives = duplicates.length - truePositives;
        int flagged = truePositives + falsePositives;
        double precision = flagged == 0 ? 1.0 : (double) truePositives / flagged;
        double recall = duplicates.length == 0 ? 1.0 : (double) truePositives / duplicates.length;
        double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new Point(threshold, precision, recall, f1, truePositives, falsePositives, falseNegatives);
    }

    private static float[] sortedScores(List<Labelled> labelled, boolean duplicate) {
        float[] scores = new float[labelled.size()];
        int count = 0;
        for (Labelled item : labelled) {
            Objects.requireNonNull(item, "a labelled score in labelled");
            if (item.duplicate() == duplicate) {
                scores[count++] = item.score();
            }
        }
        float[] sorted = Arrays.copyOf(scores, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** How many of the ascending {@code sorted} values are {@code >= threshold}, by binary search. */
    private static int countAtLeast(float[] sorted, float threshold) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < threshold) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return sorted.length - low;
    }
}
