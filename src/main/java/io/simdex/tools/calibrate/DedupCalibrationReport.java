package io.simdex.tools.calibrate;

import io.simdex.dedup.Band;
import io.simdex.dedup.DuplicateBands;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * What a duplicate calibration measured, and the bands it suggests.
 *
 * @param sampled  how many papers variants were made of
 * @param variants per kind, each variant's cosine to its source
 * @param distinct each corpus paper's nearest other paper (known duplicates aside): the hard negatives
 * @param known    pairs the caller named as the same work
 */
public record DedupCalibrationReport(int sampled, Map<Variant.Kind, List<Scored>> variants, List<Pair> distinct,
                                     List<Pair> known) {

    /** The range and step of the threshold sweeps. */
    static final float SWEEP_FROM = 0.60f;
    static final float SWEEP_TO = 1.00f;
    static final float SWEEP_STEP = 0.005f;

    public DedupCalibrationReport {
        variants = Map.copyOf(variants);
        distinct = List.copyOf(distinct);
        known = List.copyOf(known);
    }

    /**
     * One variant scored against its source.
     *
     * @param sourceFirst whether the source is the variant's nearest paper in the corpus
     */
    public record Scored(String sourceId, float score, float shingleContainment, boolean sourceFirst) {
    }

    /** Two corpus papers, their cosine and their word 3-gram containment. */
    public record Pair(String first, String second, float score, float shingleContainment) {
    }

    /** Precision and recall of "flagged (near_duplicate or above)" over every variant against the distinct pairs. */
    public List<ThresholdSweep.Point> nearDuplicateSweep() {
        return ThresholdSweep.sweep(DedupCalibration.labelled(variants, distinct, EnumSet.allOf(Variant.Kind.class),
                false), SWEEP_FROM, SWEEP_TO, SWEEP_STEP);
    }

    /** Precision and recall of "duplicate" for the copy kinds against rewritten variants and distinct pairs. */
    public List<ThresholdSweep.Point> duplicateSweep() {
        return ThresholdSweep.sweep(DedupCalibration.labelled(variants, distinct, DedupCalibration.COPIES, true),
                SWEEP_FROM, SWEEP_TO, SWEEP_STEP);
    }

    /** The sweep point at {@code threshold} (the nearest step). */
    public static ThresholdSweep.Point at(List<ThresholdSweep.Point> sweep, float threshold) {
        ThresholdSweep.Point best = sweep.get(0);
        for (ThresholdSweep.Point point : sweep) {
            if (Math.abs(point.threshold() - threshold) < Math.abs(best.threshold() - threshold)) {
                best = point;
            }
        }
        return best;
    }

    /**
     * The suggested bands:
     * <ul>
     *   <li>near-duplicate: the lowest swept cosine that flags none of the distinct pairs, since a paper on the
     *       same topic must not be flagged;</li>
     *   <li>duplicate: the best F1 of the copy variants against everything else (ties to the higher);</li>
     *   <li>related: the median of the distinct pairs, so a paper's closest same-topic neighbour counts as
     *       related about half the time;</li>
     *   <li>copied text: halfway between the highest word 3-gram containment of a distinct pair and the lowest
     *       of a variant that keeps sentences of its source (every kind but exact copies), to the nearest 0.05:
     *       the widest margin on both sides.</li>
     * </ul>
     */
    public DuplicateBands suggestedBands() {
        float near = SWEEP_TO;
        for (ThresholdSweep.Point point : nearDuplicateSweep()) {
            if (point.falsePositives() == 0) {
                near = point.threshold();
                break;
            }
        }
        float duplicate = Math.max(ThresholdSweep.best(duplicateSweep()).threshold(), near + SWEEP_STEP);
        float related = Math.min(ThresholdSweep.percentile(scores(distinct), 50), near - SWEEP_STEP);
        float maxContainment = 0f;
        for (Pair pair : distinct) {
            maxContainment = Math.max(maxContainment, pair.shingleContainment());
        }
        float minCopied = 1f;
        for (var entry : variants.entrySet()) {
            for (Scored s : entry.getValue()) {
                minCopied = Math.min(minCopied, s.shingleContainment());
            }
        }
        float copied = Math.max(0.05f, Math.round((maxContainment + minCopied) / 2 / 0.05f) * 0.05f);
        return new DuplicateBands(Math.min(duplicate, 1f), near, related, copied);
    }

    /** How many of {@code scored} the bands flag (near-duplicate or above) and how many they call duplicates. */
    public static int[] flagged(List<Scored> scored, DuplicateBands bands) {
        int flagged = 0;
        int duplicates = 0;
        for (Scored s : scored) {
            Band band = bands.of(s.score(), s.shingleContainment());
            flagged += band.compareTo(Band.NEAR_DUPLICATE) <= 0 ? 1 : 0;
            duplicates += band == Band.DUPLICATE ? 1 : 0;
        }
        return new int[] {flagged, duplicates};
    }

    /** The distinct pairs the bands flag as near-duplicate or above. */
    public List<Pair> flaggedDistinct(DuplicateBands bands) {
        return distinct.stream().filter(p -> bands.of(p.score(), p.shingleContainment())
                .compareTo(Band.NEAR_DUPLICATE) <= 0).toList();
    }

    /** The scores of some pairs. */
    public static float[] scores(List<Pair> pairs) {
        float[] scores = new float[pairs.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = pairs.get(i).score();
        }
        return scores;
    }

    /** The scores of some variants. */
    public static float[] variantScores(List<Scored> scored) {
        float[] scores = new float[scored.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scored.get(i).score();
        }
        return scores;
    }
}
