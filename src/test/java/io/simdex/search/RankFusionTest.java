package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.List;

class RankFusionTest {

    @Test
    void a_document_scores_the_sum_of_one_over_k_plus_its_rank_in_each_ranking() {
        var fused = new RankFusion(60).fuse(List.of(List.of("a", "b", "c"), List.of("b", "c", "d")), 10);

        assertThat(ids(fused)).containsExactly("b", "c", "a", "d");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12)); // b: 2nd, then 1st
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 62, within(1e-12)); // c: 3rd, then 2nd
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 61, within(1e-12));             // a: 1st in one only
        assertThat(fused.get(3).score()).isCloseTo(1.0 / 63, within(1e-12));             // d: 3rd in one only
    }

    @Test
    void a_weighted_ranking_adds_its_weight_over_k_plus_rank() {
        List<List<String>> rankings = List.of(List.of("a", "b", "c"), List.of("c", "b"), List.of("c"));

        var fused = new RankFusion(60).fuse(rankings, new double[] {1, 0.5, 2}, 10);

        assertThat(ids(fused)).containsExactly("c", "b", "a");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 63 + 0.5 / 61 + 2.0 / 61, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 62 + 0.5 / 62, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 61, within(1e-12));
    }

    @Test
    void weights_of_one_fuse_as_the_unweighted_rule_and_a_weight_of_zero_adds_nothing() {
        List<List<String>> two = List.of(List.of("a", "b", "c"), List.of("b", "c", "d"));
        var fusion = new RankFusion(60);

        assertThat(fusion.fuse(two, new double[] {1, 1}, 10)).isEqualTo(fusion.fuse(two, 10));
        var withSilent = fusion.fuse(List.of(two.get(0), two.get(1), List.of("e", "d")), new double[] {1, 1, 0}, 10);
        assertThat(withSilent.subList(0, 4)).isEqualTo(fusion.fuse(two, 10));
        assertThat(withSilent.get(4)).isEqualTo(new RankFusion.Fused("e", 0)); // held by the silent ranking alone
    }

    @Test
    void weights_must_match_the_rankings_and_be_finite_and_not_negative() {
        var fusion = new RankFusion(60);
        List<List<String>> two = List.of(List.of("a"), List.of("b"));

        assertThatThrownBy(() -> fusion.fuse(two, new double[] {1}, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 weights for 2 rankings");
        assertThatThrownBy(() -> fusion.fuse(two, new double[] {1, -0.5}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.5");
        assertThatThrownBy(() -> fusion.fuse(two, new double[] {1, Double.NaN}, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_limit_keeps_the_best() {
        var fused = new RankFusion(60).fuse(List.of(List.of("a", "b", "c"), List.of("b", "c", "d")), 2);
        assertThat(ids(fused)).containsExactly("b", "c");
    }

    @Test
    void a_smaller_k_lets_a_top_rank_outweigh_agreement() {
        // x: 1st and 9th; y: 4th and 4th
        List<List<String>> rankings = List.of(List.of("x", "p", "q", "y"), List.of("r", "s", "t", "y", "u", "v", "w",
                "z", "x"));

        assertThat(ids(new RankFusion(1).fuse(rankings, 20)).indexOf("x"))
                .isLessThan(ids(new RankFusion(1).fuse(rankings, 20)).indexOf("y")); // 1/2 + 1/10 > 1/5 + 1/5
        assertThat(ids(new RankFusion(60).fuse(rankings, 20)).indexOf("y"))
                .isLessThan(ids(new RankFusion(60).fuse(rankings, 20)).indexOf("x")); // 1/61 + 1/69 < 2/64
    }

    @Test
    void equal_scores_rank_by_the_better_best_rank_then_by_id() {
        // with k = 1: rank 1 alone scores 1/2, and rank 3 in both rankings 1/4 + 1/4 = 1/2 as well
        var fused = new RankFusion(1).fuse(List.of(List.of("zeta", "b1", "alpha"), List.of("b2", "b3", "alpha")), 10);

        assertThat(ids(fused)).containsExactly("b2", "zeta", "alpha", "b1", "b3");
        assertThat(fused.subList(0, 3)).allSatisfy(f -> assertThat(f.score()).isEqualTo(0.5));
        assertThat(fused.subList(3, 5)).allSatisfy(f -> assertThat(f.score()).isEqualTo(1.0 / 3));
    }

    @Test
    void the_order_of_the_rankings_does_not_matter() {
        List<String> one = List.of("a", "b", "c", "d", "e");
        List<String> two = List.of("e", "c", "a", "f");
        List<String> three = List.of("b", "f", "e");
        var fusion = new RankFusion(60);

        assertThat(fusion.fuse(List.of(one, two, three), 10)).isEqualTo(fusion.fuse(List.of(three, one, two), 10))
                .isEqualTo(fusion.fuse(List.of(two, three, one), 10));
    }

    @Test
    void one_ranking_keeps_its_order_and_no_rankings_give_nothing() {
        var fused = new RankFusion(60).fuse(List.of(List.of("c", "a", "b")), 10);
        assertThat(ids(fused)).containsExactly("c", "a", "b");
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 63, within(1e-12));

        assertThat(new RankFusion(60).fuse(List.of(), 5)).isEmpty();
        assertThat(new RankFusion(60).fuse(List.of(List.of(), List.of()), 5)).isEmpty();
    }

    @Test
    void bad_arguments_are_named() {
        assertThatThrownBy(() -> new RankFusion(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 1");
        assertThatThrownBy(() -> new RankFusion(60).fuse(List.of(List.of("a")), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit must be >= 1");
        assertThatThrownBy(() -> new RankFusion(60).fuse(List.of(List.of("a", "b", "a")), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' twice");
    }

    private static List<String> ids(List<RankFusion.Fused> fused) {
        return fused.stream().map(RankFusion.Fused::id).toList();
    }
}
