package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.simdex.index.Hit;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

class RankerTest {

    private static final List<Hit> MEANING = List.of(new Hit("a", 0.9f), new Hit("b", 0.5f), new Hit("c", 0.1f));
    private static final List<Hit> WORDS = List.of(new Hit("b", 8f), new Hit("d", 2f));

    private final AtomicInteger asked = new AtomicInteger();
    private final DoubleSupplier bestPossible = () -> {
        asked.incrementAndGet();
        return 10.0;
    };

    @Test
    void the_convex_fusion_with_a_coverage_asks_for_the_best_possible_bm25_score_once() {
        var ranker = new Ranker(SearchOptions.defaults().withFusion(Fusion.CONVEX, 0.4f, 0.2f));

        var lazy = ranker.hybrid(MEANING, WORDS, bestPossible, 3);

        assertThat(asked).hasValue(1);
        assertThat(lazy).isEqualTo(ScoreFusion.fuse(MEANING, WORDS, ranker.vectorWeight(WORDS, 10.0), 3));
    }

    @Test
    void fusions_whose_weight_does_not_depend_on_it_never_ask_for_the_best_possible_bm25_score() {
        new Ranker(SearchOptions.defaults().withFusion(Fusion.RRF, 0.4f, 0.2f)).hybrid(MEANING, WORDS, bestPossible, 3);
        new Ranker(SearchOptions.defaults().withFusion(Fusion.CONVEX, 0.4f, 0f)).hybrid(MEANING, WORDS, bestPossible, 3);
        new Ranker(SearchOptions.defaults().withFusion(Fusion.CONVEX, 0.4f, 0.2f)).hybrid(MEANING, List.of(),
                bestPossible, 3);

        assertThat(asked).hasValue(0);
    }

    @Test
    void related_fuses_cosine_more_like_this_and_title_rankings_by_their_weights() {
        List<String> meaning = List.of("a", "b", "c");
        List<String> words = List.of("b", "c");
        List<String> title = List.of("c", "d");
        var ranker = new Ranker(SearchOptions.defaults().withRelatedWeights(0.5f, 2f));

        var fused = ranker.related(meaning, words, title, 4);

        assertThat(fused).isEqualTo(new RankFusion(60).fuse(List.of(meaning, words, title), new double[] {1, 0.5, 2},
                4));
        assertThat(fused.get(0).id()).isEqualTo("c"); // the title's first, with its weight of 2
        assertThat(ranker.relatedByTitle()).isTrue();
    }

    @Test
    void related_without_a_title_weight_is_the_two_way_rank_fusion_and_ignores_the_title_ranking() {
        List<String> meaning = List.of("a", "b", "c");
        List<String> words = List.of("b", "c");
        var ranker = new Ranker(SearchOptions.defaults().withRelatedWeights(1f, 0f));

        assertThat(ranker.relatedByTitle()).isFalse();
        assertThat(ranker.related(meaning, words, List.of("d", "c"), 4))
                .isEqualTo(new RankFusion(60).fuse(List.of(meaning, words), 4));
    }

    @Test
    void related_cuts_each_ranking_to_the_candidates_before_fusing() {
        var ranker = new Ranker(new SearchOptions(SearchMode.HYBRID, 60, 2).withRelatedWeights(1f, 1f));

        // uncut, c would win: 1/63 + 1/63 + 1/61 against a's 1/61 + 1/62; cut to 2, it is first by title alone
        var fused = ranker.related(List.of("a", "b", "c"), List.of("b", "a", "c"), List.of("c", "x"), 1);

        assertThat(fused).containsExactly(new RankFusion.Fused("a", 1.0 / 61 + 1.0 / 62));
    }
}
