package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** Per-style scores against values worked out by hand. */
class StyleScoresTest {

    private static final QuerySet SET = QuerySet.parse("q.tsv", List.of("id\tstyle\tsplit\tquery\tanswers",
            "n1\tname\ttune\tVMamba\ta",
            "n2\tname\theld-out\tUL2\tb",
            "m1\tmulti\ttune\tmerging\tc:2,d:1"));

    @Test
    void each_style_then_all_then_each_split_is_scored_on_its_own_queries() {
        var rankings = Map.of(
                "n1", List.of("a", "x"),           // found first: nDCG 1, MRR 1
                "n2", List.of("x", "y", "b"),      // found third: nDCG 1/log2(4) = 0.5, MRR 1/3
                "m1", List.of("d", "x", "c"));     // grades 1 at rank 1 and 2 at rank 3

        List<StyleScores.Row> rows = StyleScores.of(SET, rankings);

        assertThat(rows).extracting(StyleScores.Row::group)
                .containsExactly("name", "multi", "all", "all (tune)", "all (held-out)");
        RetrievalMetrics name = rows.get(0).metrics();
        assertThat(name.queries()).isEqualTo(2);
        assertThat(name.ndcg10()).isCloseTo((1 + 0.5) / 2, within(1e-12));
        assertThat(name.mrr10()).isCloseTo((1 + 1 / 3.0) / 2, within(1e-12));
        assertThat(name.recall10()).isEqualTo(1.0);

        double multiDcg = 1 + 2 / log2(4);
        double multiIdcg = 2 + 1 / log2(3);
        RetrievalMetrics multi = rows.get(1).metrics();
        assertThat(multi.ndcg10()).isCloseTo(multiDcg / multiIdcg, within(1e-12));
        assertThat(multi.mrr10()).isEqualTo(1.0);

        assertThat(rows.get(2).metrics().ndcg10()).isCloseTo((1 + 0.5 + multiDcg / multiIdcg) / 3, within(1e-12));
        assertThat(rows.get(3).metrics().queries()).isEqualTo(2);
        assertThat(rows.get(3).metrics().ndcg10()).isCloseTo((1 + multiDcg / multiIdcg) / 2, within(1e-12));
        assertThat(rows.get(4).metrics().mrr10()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void a_query_missing_from_the_rankings_scores_zero_and_still_counts() {
        var rows = StyleScores.of(SET, Map.of("n1", List.of("a")));

        assertThat(rows.get(0).metrics().queries()).isEqualTo(2);
        assertThat(rows.get(0).metrics().ndcg10()).isEqualTo(0.5);
        assertThat(rows.get(0).metrics().recall10()).isEqualTo(0.5);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
