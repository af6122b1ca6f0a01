package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.simdex.index.Hit;

import java.util.List;

/** The convex combination against scores worked out by hand. */
class ScoreFusionTest {

    private static final List<Hit> COSINES = List.of(new Hit("a", 0.8f), new Hit("b", 0.6f), new Hit("c", 0.4f));
    private static final List<Hit> BM25 = List.of(new Hit("c", 10f), new Hit("d", 5f));

    @Test
    void cosines_are_min_max_normalized_bm25_divided_by_its_best_and_missing_parts_add_nothing() {
        List<RankFusion.Fused> fused = ScoreFusion.fuse(COSINES, BM25, 0.4, 10);

        // a: 0.4 · 1; b: 0.4 · 0.5; c: 0.4 · 0 + 0.6 · 1; d: 0.6 · 0.5
        assertThat(fused).extracting(RankFusion.Fused::id).containsExactly("c", "a", "d", "b");
        assertThat(fused.get(0).score()).isCloseTo(0.6, within(1e-6));
        assertThat(fused.get(1).score()).isCloseTo(0.4, within(1e-6));
        assertThat(fused.get(2).score()).isCloseTo(0.3, within(1e-6));
        assertThat(fused.get(3).score()).isCloseTo(0.2, within(1e-6));
    }

    @Test
    void the_weight_moves_the_answer_toward_one_ranking() {
        assertThat(ScoreFusion.fuse(COSINES, BM25, 1, 2)).extracting(RankFusion.Fused::id)
                .containsExactly("a", "b");
        assertThat(ScoreFusion.fuse(COSINES, BM25, 0, 2)).extracting(RankFusion.Fused::id)
                .containsExactly("c", "d");
    }

    @Test
    void equal_scores_go_to_the_paper_closer_in_meaning_and_a_single_hit_counts_as_the_best() {
        // a: 0.5 · 1 (cosine); x: 0.5 · 1 (the only BM25 hit)
        List<RankFusion.Fused> fused = ScoreFusion.fuse(List.of(new Hit("a", 0.9f), new Hit("b", 0.1f)),
                List.of(new Hit("x", 3f)), 0.5, 3);

        assertThat(fused).extracting(RankFusion.Fused::id).containsExactly("a", "x", "b");
    }

    @Test
    void an_empty_ranking_leaves_the_other_one_alone() {
        assertThat(ScoreFusion.fuse(List.of(), BM25, 0.4, 5)).extracting(RankFusion.Fused::id)
                .containsExactly("c", "d");
        assertThat(ScoreFusion.fuse(List.of(), List.of(), 0.4, 5)).isEmpty();
    }

    @Test
    void bad_arguments_are_refused() {
        assertThatThrownBy(() -> ScoreFusion.fuse(COSINES, BM25, 1.5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreFusion.fuse(COSINES, BM25, 0.4, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreFusion.fuse(List.of(new Hit("a", 1f), new Hit("a", 0.5f)), BM25, 0.4, 3))
                .hasMessageContaining("'a' twice");
    }
}
