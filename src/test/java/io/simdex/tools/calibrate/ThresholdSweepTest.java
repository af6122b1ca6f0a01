package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.tools.calibrate.ThresholdSweep.Labelled;
import io.simdex.tools.calibrate.ThresholdSweep.Point;

import java.util.Arrays;
import java.util.List;

class ThresholdSweepTest {

    /** Duplicates at 0.95, 0.93, 0.82, 0.61; other pairs at 0.85, 0.72, 0.55, 0.40. */
    private static final List<Labelled> LABELLED = List.of(
            dup(0.95f), dup(0.93f), dup(0.82f), dup(0.61f),
            other(0.85f), other(0.72f), other(0.55f), other(0.40f));

    @Test
    void computes_precision_recall_and_f1_at_each_threshold_by_hand() {
        List<Point> points = ThresholdSweep.sweep(LABELLED, 0.5f, 0.9f, 0.1f);

        assertThat(points).extracting(Point::threshold).containsExactly(0.5f, 0.6f, 0.7f, 0.8f, 0.9f);
        // 0.5: all 4 duplicates and 0.85, 0.72, 0.55 flagged
        assertPoint(points.get(0), 4, 3, 0, 4.0 / 7, 1.0, 8.0 / 11);
        // 0.6: 0.55 drops out
        assertPoint(points.get(1), 4, 2, 0, 4.0 / 6, 1.0, 0.8);
        // 0.7: the duplicate at 0.61 is missed
        assertPoint(points.get(2), 3, 2, 1, 3.0 / 5, 3.0 / 4, 2.0 / 3);
        // 0.8: 0.72 drops out
        assertPoint(points.get(3), 3, 1, 1, 3.0 / 4, 3.0 / 4, 0.75);
        // 0.9: only 0.95 and 0.93, both right
        assertPoint(points.get(4), 2, 0, 2, 1.0, 0.5, 2.0 / 3);
    }

    @Test
    void picks_the_point_with_the_best_f1() {
        Point best = ThresholdSweep.best(ThresholdSweep.sweep(LABELLED, 0.5f, 0.9f, 0.1f));

        assertThat(best.threshold()).isEqualTo(0.6f);
        assertThat(best.f1()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void breaks_an_f1_tie_towards_the_higher_threshold_whatever_the_order() {
        Point low = new Point(0.7f, 0.6, 0.75, 2.0 / 3, 3, 2, 1);
        Point high = new Point(0.9f, 1.0, 0.5, 2.0 / 3, 2, 0, 2);
        Point worse = new Point(0.95f, 1.0, 0.25, 0.4, 1, 0, 3);

        assertThat(ThresholdSweep.best(List.of(low, high, worse))).isEqualTo(high);
        assertThat(ThresholdSweep.best(List.of(worse, high, low))).isEqualTo(high);
    }

    @Test
    void flags_a_score_exactly_at_the_threshold() {
        List<Point> points = ThresholdSweep.sweep(List.of(dup(0.75f), other(0.5f)), 0.75f, 0.75f, 0.1f);

        assertThat(points).singleElement().satisfies(point -> assertPoint(point, 1, 0, 0, 1.0, 1.0, 1.0));
    }

    @Test
    void counts_precision_as_one_when_nothing_is_flagged() {
        Point point = ThresholdSweep.sweep(LABELLED, 0.99f, 0.99f, 0.01f).get(0);

        assertPoint(point, 0, 0, 4, 1.0, 0.0, 0.0);
    }

    @Test
    void counts_recall_as_one_when_there_are_no_duplicates() {
        List<Point> points = ThresholdSweep.sweep(List.of(other(0.9f), other(0.3f)), 0.5f, 1f, 0.5f);

        assertPoint(points.get(0), 0, 1, 0, 0.0, 1.0, 0.0);
        assertPoint(points.get(1), 0, 0, 0, 1.0, 1.0, 1.0);
    }

    @Test
    void reaches_the_end_of_the_range_despite_float_steps() {
        List<Point> points = ThresholdSweep.sweep(LABELLED, 0.5f, 1.0f, 0.05f);

        assertThat(points).hasSize(11);
        assertThat(points.get(10).threshold()).isEqualTo(1.0f);
        assertThat(points).extracting(Point::threshold).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void stops_before_the_end_when_the_step_does_not_divide_the_range() {
        List<Point> points = ThresholdSweep.sweep(LABELLED, 0f, 1f, 0.3f);

        assertThat(points).extracting(Point::threshold).containsExactly(0f, 0.3f, 0.6f, 0.90000004f);
    }

    @Test
    void rejects_an_invalid_sweep_naming_the_bad_value() {
        assertThatThrownBy(() -> ThresholdSweep.sweep(List.of(), 0f, 1f, 0.1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ThresholdSweep.sweep(LABELLED, 0.9f, 0.1f, 0.1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from=0.9 to=0.1");
        assertThatThrownBy(() -> ThresholdSweep.sweep(LABELLED, Float.NaN, 1f, 0.1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> ThresholdSweep.sweep(LABELLED, 0f, 1f, 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> ThresholdSweep.sweep(LABELLED, 0f, 1f, -0.1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -0.1");
        assertThatThrownBy(() -> ThresholdSweep.sweep(LABELLED, 0f, 1f, 1e-7f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 100000");
        assertThatThrownBy(() -> ThresholdSweep.sweep(null, 0f, 1f, 0.1f)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejects_best_of_no_points() {
        assertThatThrownBy(() -> ThresholdSweep.best(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no points");
    }

    @ParameterizedTest
    @CsvSource({"0, 1.0", "100, 4.0", "50, 2.5", "25, 1.75", "75, 3.25", "10, 1.3"})
    void interpolates_percentiles_linearly_between_ranks(double p, float expected) {
        float[] scores = {3f, 1f, 4f, 2f};

        assertThat(ThresholdSweep.percentile(scores, p)).isCloseTo(expected, within(1e-6f));
        assertThat(scores).as("input left unsorted").containsExactly(3f, 1f, 4f, 2f);
    }

    @Test
    void takes_a_single_score_as_every_percentile() {
        assertThat(ThresholdSweep.percentile(new float[] {0.8f}, 0)).isEqualTo(0.8f);
        assertThat(ThresholdSweep.percentile(new float[] {0.8f}, 37.5)).isEqualTo(0.8f);
        assertThat(ThresholdSweep.percentile(new float[] {0.8f}, 100)).isEqualTo(0.8f);
    }

    @Test
    void agrees_with_a_sorted_lookup_on_exact_ranks() {
        float[] scores = new float[101];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (i * 37 % 101) / 100f;
        }
        float[] sorted = scores.clone();
        Arrays.sort(sorted);

        for (int p = 0; p <= 100; p++) {
            assertThat(ThresholdSweep.percentile(scores, p)).isEqualTo(sorted[p]);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 100.01, Double.NaN})
    void rejects_a_percentile_outside_zero_to_one_hundred(double p) {
        assertThatThrownBy(() -> ThresholdSweep.percentile(new float[] {1f}, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 100], got " + p);
    }

    @Test
    void rejects_percentiles_of_no_scores_or_of_nan() {
        assertThatThrownBy(() -> ThresholdSweep.percentile(new float[0], 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scores");
        assertThatThrownBy(() -> ThresholdSweep.percentile(new float[] {0.5f, Float.NaN}, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> ThresholdSweep.percentile(null, 50)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejects_labels_and_points_out_of_range() {
        assertThatThrownBy(() -> new Labelled(Float.NaN, true)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new Labelled(Float.POSITIVE_INFINITY, true)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new Point(0.5f, 1.5, 1, 1, 1, 0, 0)).hasMessageContaining("precision");
        assertThatThrownBy(() -> new Point(0.5f, 1, Double.NaN, 1, 1, 0, 0)).hasMessageContaining("recall");
        assertThatThrownBy(() -> new Point(0.5f, 1, 1, 1, -1, 0, 0)).hasMessageContaining("counts must be >= 0");
        assertThatThrownBy(() -> new Point(Float.NaN, 1, 1, 1, 1, 0, 0)).hasMessageContaining("threshold");
    }

    private static void assertPoint(Point point, int tp, int fp, int fn, double precision, double recall, double f1) {
        assertThat(point.truePositives()).as("TP at %s", point.threshold()).isEqualTo(tp);
        assertThat(point.falsePositives()).as("FP at %s", point.threshold()).isEqualTo(fp);
        assertThat(point.falseNegatives()).as("FN at %s", point.threshold()).isEqualTo(fn);
        assertThat(point.precision()).as("precision at %s", point.threshold()).isCloseTo(precision, within(1e-12));
        assertThat(point.recall()).as("recall at %s", point.threshold()).isCloseTo(recall, within(1e-12));
        assertThat(point.f1()).as("F1 at %s", point.threshold()).isCloseTo(f1, within(1e-12));
    }

    private static Labelled dup(float score) {
        return new Labelled(score, true);
    }

    private static Labelled other(float score) {
        return new Labelled(score, false);
    }
}
