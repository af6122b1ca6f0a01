package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Both recommend strategies against a brute-force reference that scores every paper in double precision. */
class RecommenderTest {

    private static final int DIMENSION = 16;

    private final FlatIndex index = new FlatIndex(DIMENSION);
    private final List<float[]> vectors = new ArrayList<>();

    @AfterEach
    void close() {
        index.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 50})
    void best_score_is_exact_however_deep_the_answer_lies(int k) {
        fill(400, 7);
        var positive = List.of("v3", "v77", "v200");
        var negative = List.of("v5", "v150");

        List<Hit> hits = new Recommender(index).recommend(positive, negative, RecommendStrategy.BEST_SCORE,
                ResultFilter.top(k), SearchRequest.NO_FILTER);

        List<Hit> expected = reference(positive, negative, Set.of(), k);
        assertThat(hits).hasSize(expected.size());
        for (int i = 0; i < hits.size(); i++) {
            assertThat(hits.get(i).id()).isEqualTo(expected.get(i).id());
            assertThat(hits.get(i).score()).isCloseTo(expected.get(i).score(), org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void best_score_reaches_papers_that_only_the_negatives_rank() {
        // with many negatives close to everything, most papers score -(best negative)^2 and the walk must widen
        fill(300, 11);
        var positive = List.of("v1");
        var negative = new ArrayList<String>();
        for (int i = 2; i < 40; i++) {
            negative.add("v" + i);
        }

        List<Hit> hits = new Recommender(index).recommend(positive, negative, RecommendStrategy.BEST_SCORE,
                ResultFilter.top(250), SearchRequest.NO_FILTER);

        assertThat(hits.stream().map(Hit::id).toList())
                .isEqualTo(reference(positive, negative, Set.of(), 250).stream().map(Hit::id).toList());
    }

    @Test
    void average_vector_searches_twice_the_positive_mean_minus_the_negative_mean() {
        fill(200, 5);
        var positive = List.of("v10", "v20");
        var negative = List.of("v30");
        double[] query = new double[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            query[d] = (unit(10)[d] + unit(20)[d]) - unit(30)[d];
        }

        List<Hit> hits = new Recommender(index).recommend(positive, negative, RecommendStrategy.AVERAGE_VECTOR,
                ResultFilter.top(5), SearchRequest.NO_FILTER);

        var expected = new ArrayList<String>();
        var order = new ArrayList<Integer>();
        for (int i = 0; i < vectors.size(); i++) {
            if (i != 10 && i != 20 && i != 30) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -dot(query, unit(i))));
        order.subList(0, 5).forEach(i -> expected.add("v" + i));
        assertThat(hits.stream().map(Hit::id).toList()).isEqualTo(expected);
    }

    @Test
    void excluded_papers_and_the_score_band_apply_to_both_strategies() {
        fill(100, 3);
        for (RecommendStrategy strategy : RecommendStrategy.values()) {
            var filter = new ResultFilter(10, 0.0f, 0.5f, Set.of("v40", "v41"), false);
            List<Hit> hits = new Recommender(index).recommend(List.of("v1"), List.of(), strategy, filter,
                    SearchRequest.NO_FILTER);
            assertThat(hits).extracting(Hit::id).doesNotContain("v1", "v40", "v41");
            assertThat(hits).allSatisfy(h -> assertThat(h.score()).isBetween(0.0f, 0.5f));
        }
    }

    @Test
    void examples_that_cancel_out_are_an_invalid_query() {
        index.add("a", new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        index.add("b", new float[] {-2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        index.add("c", new float[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        // opposite positives average to the zero vector
        assertThatThrownBy(() -> new Recommender(index).recommend(List.of("a", "b"), List.of(),
                RecommendStrategy.AVERAGE_VECTOR, ResultFilter.top(1), SearchRequest.NO_FILTER))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("cancel out");
    }

    private void fill(int n, long seed) {
        var random = new Random(seed);
        var ids = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                v[d] = (float) random.nextGaussian();
            }
            vectors.add(v);
            ids.add("v" + i);
            index.add("v" + i, v);
        }
    }

    private double[] unit(int i) {
        float[] v = vectors.get(i);
        double norm = 0;
        for (float x : v) {
            norm += x * (double) x;
        }
        double[] u = new double[v.length];
        for (int d = 0; d < v.length; d++) {
            u[d] = v[d] / Math.sqrt(norm);
        }
        return u;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    private List<Hit> reference(List<String> positive, List<String> negative, Set<String> exclude, int k) {
        var skip = new HashSet<>(exclude);
        skip.addAll(positive);
        skip.addAll(negative);
        var all = new ArrayList<Hit>();
        for (int i = 0; i < vectors.size(); i++) {
            if (skip.contains("v" + i)) {
                continue;
            }
            double best = Double.NEGATIVE_INFINITY;
            for (String p : positive) {
                best = Math.max(best, dot(unit(i), unit(Integer.parseInt(p.substring(1)))));
            }
            double worst = Double.NEGATIVE_INFINITY;
            for (String n : negative) {
                worst = Math.max(worst, dot(unit(i), unit(Integer.parseInt(n.substring(1)))));
            }
            all.add(new Hit("v" + i, (float) (best > worst ? best : -(worst * worst))));
        }
        all.sort(Comparator.comparing(Hit::score).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }
}
