package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The metrics against values worked out by hand from BEIR's (pytrec_eval's) definitions. */
class RetrievalMetricsTest {

    @Test
    void one_relevant_document_at_rank_three() {
        var m = RetrievalMetrics.of(Map.of("q", List.of("x", "y", "d", "z")), Map.of("q", Map.of("d", 1)));

        assertThat(m.ndcg10()).isCloseTo(1 / log2(4), within(1e-12)); // 0.5
        assertThat(m.recall1()).isZero();
        assertThat(m.recall10()).isEqualTo(1.0);
        assertThat(m.mrr10()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void two_relevant_documents_one_found_first_and_one_missed() {
        var m = RetrievalMetrics.of(Map.of("q", List.of("a", "x")), Map.of("q", Map.of("a", 1, "b", 1)));

        double idcg = 1 + 1 / log2(3);
        assertThat(m.ndcg10()).isCloseTo(1 / idcg, within(1e-12));
        assertThat(m.recall10()).isEqualTo(0.5);
        assertThat(m.mrr10()).isEqualTo(1.0);
    }

    @Test
    void graded_relevance_uses_linear_gains_and_the_ideal_order() {
        var m = RetrievalMetrics.of(Map.of("q", List.of("low", "high")), Map.of("q", Map.of("high", 2, "low", 1)));

        double dcg = 1 + 2 / log2(3);
        double idcg = 2 + 1 / log2(3);
        assertThat(m.ndcg10()).isCloseTo(dcg / idcg, within(1e-12));
    }

    @Test
    void a_hit_below_rank_ten_counts_for_recall_at_100_but_not_for_mrr_at_10() {
        var ranking = new java.util.ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            ranking.add("n" + i);
        }
        ranking.set(14, "d");
        var m = RetrievalMetrics.of(Map.of("q", ranking), Map.of("q", Map.of("d", 1)));

        assertThat(m.ndcg10()).isZero();
        assertThat(m.recall10()).isZero();
        assertThat(m.recall100()).isEqualTo(1.0);
        assertThat(m.mrr10()).isZero();
        assertThat(m.mrr100()).isCloseTo(1 / 15.0, within(1e-12));
    }

    @Test
    void queries_are_averaged_and_those_without_relevant_documents_are_skipped() {
        var m = RetrievalMetrics.of(
                Map.of("q1", List.of("a"), "q2", List.of("x", "b"), "q3", List.of("c")),
                Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1), "q3", Map.of("c", 0)));

        assertThat(m.queries()).isEqualTo(2);
        assertThat(m.mrr10()).isCloseTo((1 + 0.5) / 2, within(1e-12));
        assertThat(m.recall1()).isEqualTo(0.5);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
