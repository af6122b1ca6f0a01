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
}
