package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The judged related-paper metrics on rankings small enough to score by hand. */
class JudgedMetricsTest {

    private static final Map<String, Integer> GRADES = Map.of("a", 2, "b", 1, "c", 2, "d", 0);

    @Test
    void precision_at_5_counts_grade_1_and_up_or_grade_2_only_and_missing_places_as_misses() {
        List<String> ranked = List.of("b", "x", "a", "d", "y", "c");

        assertThat(JudgedMetrics.precision(ranked, GRADES, 1, 5)).isEqualTo(2 / 5.0); // b and a
        assertThat(JudgedMetrics.precision(ranked, GRADES, 2, 5)).isEqualTo(1 / 5.0); // a
        assertThat(JudgedMetrics.precision(List.of("c"), GRADES, 2, 5)).isEqualTo(1 / 5.0);
    }

    @Test
    void ndcg_uses_the_grade_as_gain_and_the_judged_grades_as_the_ideal() {
        List<String> ranked = List.of("b", "x", "a", "d", "y", "c");

        // DCG: b (1) at rank 1, a (2) at rank 3, c (2) at rank 6; ideal: 2, 2, 1 at ranks 1-3
        double dcg = 1 / log2(2) + 2 / log2(4) + 2 / log2(7);
        double ideal = 2 / log2(2) + 2 / log2(3) + 1 / log2(4);
        assertThat(JudgedMetrics.ndcg(ranked, GRADES, 10)).isCloseTo(dcg / ideal, within(1e-12));
        assertThat(JudgedMetrics.ndcg(List.of("c", "a", "b"), GRADES, 10)).isCloseTo(1.0, within(1e-12));
        // c sits at rank 6, beyond a cut at 5
        assertThat(JudgedMetrics.ndcg(ranked, GRADES, 5))
                .isCloseTo((1 / log2(2) + 2 / log2(4)) / ideal, within(1e-12));
    }

    @Test
    void a_query_with_nothing_graded_above_0_scores_0_and_every_query_counts_once() {
        var judgments = new LinkedHashMap<String, Map<String, Integer>>();
        judgments.put("q1", GRADES);
        judgments.put("q2", Map.of("d", 0));
        var set = new JudgedSet("test", judgments);
        Map<String, List<String>> rankings = Map.of(
                "q1", List.of("c", "a", "b", "d", "x", "y"),
                "q2", List.of("d", "a", "b", "c", "x"));

        JudgedMetrics m = JudgedMetrics.of(set, (id, leaveOut, depth) -> rankings.get(id));

        assertThat(m.queries()).isEqualTo(2);
        // q1: c, a, b graded, d judged 0, x not judged; q2: a, b, c are not judged for q2, d is (grade 0)
        assertThat(m.precision5()).isCloseTo((3 / 5.0 + 0) / 2, within(1e-12));
        assertThat(m.wanted5()).isCloseTo((2 / 5.0 + 0) / 2, within(1e-12));
        assertThat(m.ndcg10()).isCloseTo((1.0 + 0) / 2, within(1e-12));
        assertThat(m.judged5()).isCloseTo((4 / 5.0 + 1 / 5.0) / 2, within(1e-12));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
