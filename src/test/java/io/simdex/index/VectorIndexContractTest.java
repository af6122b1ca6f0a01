package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.util.FloatComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The behaviour every {@link VectorIndex} promises; each implementation's test extends this class. */
abstract class VectorIndexContractTest {

    private static final float[] X = {1f, 0f, 0f, 0f};
    private static final float[] Y = {0f, 1f, 0f, 0f};
    private static final float[] XY = {1f, 1f, 0f, 0f};
    private static final float[] MINUS_X = {-1f, 0f, 0f, 0f};

    /** A new, empty index for vectors of {@code dimension} components. */
    protected abstract VectorIndex newIndex(int dimension);

    private VectorIndex indexOfFour() {
        VectorIndex index = newIndex(4);
        index.add("x", X);
        index.add("y", Y);
        index.add("xy", XY);
        index.add("-x", MINUS_X);
        return index;
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    @Test
    void a_new_index_is_empty_and_reports_its_dimension() {
        VectorIndex index = newIndex(7);

        assertThat(index.dimension()).isEqualTo(7);
        assertThat(index.size()).isZero();
        assertThat(index.search(SearchRequest.of(new float[] {1, 0, 0, 0, 0, 0, 0}, 5))).isEmpty();
    }

    @Test
    void added_vectors_are_counted_and_contained() {
        VectorIndex index = indexOfFour();

        assertThat(index.size()).isEqualTo(4);
        assertThat(index.contains("xy")).isTrue();
        assertThat(index.vector("y")).hasValueSatisfying(v -> assertThat(v).containsExactly(Y));
    }

    @Test
    void add_rejects_a_vector_of_the_wrong_dimension() {
        VectorIndex index = newIndex(4);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.add("short", new float[] {1f, 2f, 3f}))
                .withMessage("vector for id 'short' has dimension 3 but the index has dimension 4");
        assertThat(index.contains("short")).isFalse();
        assertThat(index.size()).isZero();
    }

    @Test
    void add_rejects_a_duplicate_id_naming_it_and_keeps_the_first_vector() {
        VectorIndex index = indexOfFour();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.add("xy", Y))
                .withMessageContaining("'xy'")
                .withMessageContaining("already");
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.vector("xy").orElseThrow()[0]).isCloseTo(0.70710677f, within(1e-6f));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void add_rejects_a_non_finite_vector_naming_the_id_and_component(float bad) {
        VectorIndex index = newIndex(4);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.add("p7", new float[] {0.5f, bad, 0.5f, 0.5f}))
                .withMessageContaining("'p7'")
                .withMessageContaining("component 1 of 4 is " + bad);
        assertThat(index.contains("p7")).isFalse();
    }

    @Test
    void add_rejects_a_zero_vector() {
        VectorIndex index = newIndex(4);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.add("zero", new float[4]))
                .withMessageContaining("'zero'")
                .withMessageContaining("zero vector");
        assertThat(index.size()).isZero();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "\t\n"})
    void add_rejects_a_blank_id(String id) {
        VectorIndex index = newIndex(4);

        assertThatIllegalArgumentException().isThrownBy(() -> index.add(id, X)).withMessageContaining("blank");
        assertThat(index.size()).isZero();
    }

    @Test
    void add_rejects_a_null_id_or_vector() {
        VectorIndex index = newIndex(4);

        assertThatNullPointerException().isThrownBy(() -> index.add(null, X));
        assertThatNullPointerException().isThrownBy(() -> index.add("p1", null));
    }

    @Test
    void add_does_not_modify_the_callers_array() {
        VectorIndex index = newIndex(4);
        float[] vector = {3f, 4f, 0f, 0f};

        index.add("p1", vector);

        assertThat(vector).containsExactly(3f, 4f, 0f, 0f);
    }

    @Test
    void an_unknown_id_is_not_contained_and_has_no_vector() {
        VectorIndex index = indexOfFour();

        assertThat(index.contains("nope")).isFalse();
        assertThat(index.vector("nope")).isEmpty();
    }

    @Test
    void vector_returns_the_normalized_vector_as_a_copy() {
        // given
        VectorIndex index = newIndex(4);
        index.add("p1", new float[] {3f, 4f, 0f, 0f});

        // when
        float[] first = index.vector("p1").orElseThrow();
        first[0] = 100f;

        // then
        assertThat(index.vector("p1").orElseThrow()).containsExactly(new float[] {0.6f, 0.8f, 0f, 0f}, within(1e-6f));
        assertThat(index.search(SearchRequest.of(new float[] {3f, 4f, 0f, 0f}, 1)).get(0).score())
                .isCloseTo(1f, within(1e-6f));
    }

    @Test
    void vectors_are_normalized_on_entry_so_a_scaled_copy_scores_one() {
        // given
        VectorIndex index = newIndex(4);
        float[] unit = {0.5f, -0.5f, 0.5f, 0.5f};
        index.add("scaled", new float[] {2.5f, -2.5f, 2.5f, 2.5f});
        index.add("other", new float[] {1f, 1f, 1f, 1f});

        // when
        List<Hit> hits = index.search(SearchRequest.of(unit, 1));

        // then
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.id()).isEqualTo("scaled");
            assertThat(hit.score()).isCloseTo(1f, within(1e-6f));
        });
    }

    @Test
    void scores_are_cosine_similarities_best_first() {
        VectorIndex index = indexOfFour();

        List<Hit> hits = index.search(SearchRequest.of(new float[] {2f, 0f, 0f, 0f}, 4));

        assertThat(ids(hits)).containsExactly("x", "xy", "y", "-x");
        assertThat(hits).extracting(Hit::score)
                .usingElementComparator(new FloatComparator(1e-6f))
                .containsExactly(1f, 0.70710677f, 0f, -1f);
    }

    @Test
    void k_larger_than_the_index_returns_every_vector() {
        VectorIndex index = indexOfFour();

        assertThat(index.search(SearchRequest.of(X, 1000))).hasSize(4);
        assertThat(index.search(SearchRequest.of(X, Integer.MAX_VALUE))).hasSize(4);
    }

    @Test
    void k_limits_the_number_of_hits() {
        VectorIndex index = indexOfFour();

        assertThat(ids(index.search(SearchRequest.of(X, 2)))).containsExactly("x", "xy");
    }

    @Test
    void excluded_ids_never_appear_even_when_k_exceeds_the_index() {
        VectorIndex index = indexOfFour();

        List<Hit> hits = index.search(new SearchRequest(X, 10, Set.of("x", "-x"), -1f));

        assertThat(ids(hits)).containsExactly("xy", "y");
    }

    @Test
    void excluded_ids_the_index_does_not_hold_are_ignored() {
        VectorIndex index = indexOfFour();

        List<Hit> hits = index.search(new SearchRequest(X, 2, Set.of("nope", "x"), -1f));

        assertThat(ids(hits)).containsExactly("xy", "y");
    }

    @Test
    void excluding_every_id_returns_no_hits() {
        VectorIndex index = indexOfFour();

        assertThat(index.search(new SearchRequest(X, 3, Set.of("x", "y", "xy", "-x"), -1f))).isEmpty();
    }

    @Test
    void hits_below_min_score_are_dropped_so_fewer_than_k_come_back() {
        VectorIndex index = indexOfFour();

        assertThat(ids(index.search(new SearchRequest(X, 4, Set.of(), 0.5f)))).containsExactly("x", "xy");
        assertThat(ids(index.search(new SearchRequest(XY, 4, Set.of(), 0.99f)))).containsExactly("xy");
        assertThat(index.search(new SearchRequest(new float[] {0f, 0f, 1f, 0f}, 4, Set.of(), 0.01f))).isEmpty();
    }

    @Test
    void hits_above_max_score_are_dropped() {
        VectorIndex index = indexOfFour();

        List<Hit> hits = index.search(new SearchRequest(X, 4, Set.of(), -1f, 0.99f));

        assertThat(ids(hits)).containsExactly("xy", "y", "-x");
    }

    @Test
    void a_hit_scoring_exactly_max_score_is_kept() {
        // given: the ceiling is the score the index itself gives xy
        VectorIndex index = indexOfFour();
        float xyScore = index.search(SearchRequest.of(X, 2)).get(1).score();

        // when
        List<Hit> hits = index.search(new SearchRequest(X, 4, Set.of(), -1f, xyScore));

        // then
        assertThat(ids(hits)).containsExactly("xy", "y", "-x");
        assertThat(hits.get(0).score()).isEqualTo(xyScore);
    }

    @Test
    void k_is_filled_from_below_the_ceiling_when_many_vectors_score_above_it() {
        // given: twenty copies of the query, then vectors at cosines 0.96, 0.71, 0.45 and 0
        VectorIndex index = newIndex(4);
        for (int i = 0; i < 20; i++) {
            index.add("copy" + i, X);
        }
        index.add("near", new float[] {1f, 0.3f, 0f, 0f});
        index.add("xy", XY);
        index.add("far", new float[] {1f, 2f, 0f, 0f});
        index.add("y", Y);

        // then
        assertThat(ids(index.search(new SearchRequest(X, 2, Set.of(), -1f, 0.9f)))).containsExactly("xy", "far");
        assertThat(ids(index.search(new SearchRequest(X, 3, Set.of(), -1f, 0.98f))))
                .containsExactly("near", "xy", "far");
        assertThat(ids(index.search(new SearchRequest(X, 10, Set.of("xy"), 0.3f, 0.9f)))).containsExactly("far");
    }

    @Test
    void a_band_where_min_equals_max_keeps_only_that_score() {
        // given
        VectorIndex index = newIndex(4);
        index.add("xy1", XY);
        index.add("x", X);
        index.add("xy2", XY);
        index.add("y", Y);
        index.add("xy3", new float[] {2f, 2f, 0f, 0f}); // normalizes to exactly the floats of XY
        float same = index.search(SearchRequest.of(XY, 1)).get(0).score();

        // when
        List<Hit> hits = index.search(new SearchRequest(XY, 10, Set.of(), same, same));

        // then
        assertThat(ids(hits)).containsExactly("xy1", "xy2", "xy3");
        assertThat(hits).extracting(Hit::score).containsOnly(same);
    }

    @Test
    void search_batch_honours_each_requests_own_ceiling() {
        VectorIndex index = indexOfFour();
        List<SearchRequest> requests = List.of(
                new SearchRequest(X, 2, Set.of(), -1f, 0.99f),
                SearchRequest.of(X, 2),
                new SearchRequest(XY, 4, Set.of(), 0f, 0.8f),
                new SearchRequest(X, 4, Set.of(), -1f, -1f));

        List<List<Hit>> results = index.searchBatch(requests);

        for (int i = 0; i < requests.size(); i++) {
            assertThat(results.get(i)).as("request %d", i).isEqualTo(index.search(requests.get(i)));
        }
        assertThat(ids(results.get(0))).containsExactly("xy", "y");
        assertThat(ids(results.get(1))).containsExactly("x", "xy");
        assertThat(ids(results.get(2))).containsExactly("x", "y");
        assertThat(ids(results.get(3))).containsExactly("-x");
    }

    @Test
    void equal_scores_come_back_in_insertion_order() {
        // given: one vector under ids whose alphabetical order is the reverse of insertion order
        VectorIndex index = newIndex(4);
        index.add("z", XY);
        index.add("before-m", Y);
        index.add("m", XY);
        index.add("before-a", MINUS_X);
        index.add("a", XY);

        // then
        assertThat(ids(index.search(SearchRequest.of(XY, 3)))).containsExactly("z", "m", "a");
        assertThat(ids(index.search(SearchRequest.of(XY, 2)))).containsExactly("z", "m");
        assertThat(ids(index.search(new SearchRequest(XY, 2, Set.of("z"), -1f)))).containsExactly("m", "a");
    }

    @Test
    void search_rejects_a_query_of_the_wrong_dimension() {
        VectorIndex index = indexOfFour();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.search(SearchRequest.of(new float[] {1f, 0f, 0f}, 2)))
                .withMessage("query has dimension 3 but the index has dimension 4");
    }

    @Test
    void search_does_not_modify_the_request() {
        VectorIndex index = indexOfFour();
        SearchRequest request = SearchRequest.of(new float[] {2f, 0f, 0f, 0f}, 2);

        index.search(request);

        assertThat(request.query()).containsExactly(2f, 0f, 0f, 0f);
    }

    @Test
    void search_results_are_immutable() {
        List<Hit> hits = indexOfFour().search(SearchRequest.of(X, 2));

        assertThatThrownBy(() -> hits.add(new Hit("p", 0f))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void search_batch_answers_each_request_like_search_with_its_own_k_exclusions_and_threshold() {
        VectorIndex index = indexOfFour();
        List<SearchRequest> requests = List.of(
                SearchRequest.of(X, 2),
                new SearchRequest(X, 10, Set.of("x", "-x"), -1f),
                new SearchRequest(XY, 4, Set.of(), 0.99f),
                new SearchRequest(new float[] {0f, 0f, 1f, 0f}, 4, Set.of(), 0.01f),
                new SearchRequest(Y, 3, Set.of("x", "y", "xy", "-x"), -1f),
                SearchRequest.of(MINUS_X, 1));

        List<List<Hit>> results = index.searchBatch(requests);

        assertThat(results).hasSize(6);
        for (int i = 0; i < requests.size(); i++) {
            assertThat(results.get(i)).as("request %d", i).isEqualTo(index.search(requests.get(i)));
        }
        assertThat(ids(results.get(1))).containsExactly("xy", "y");
        assertThat(ids(results.get(2))).containsExactly("xy");
        assertThat(results.get(3)).isEmpty();
        assertThat(results.get(4)).isEmpty();
        assertThat(ids(results.get(5))).containsExactly("-x");
    }

    @Test
    void search_batch_of_no_requests_returns_no_results() {
        assertThat(indexOfFour().searchBatch(List.of())).isEmpty();
        assertThat(newIndex(4).searchBatch(List.of(SearchRequest.of(X, 3)))).containsExactly(List.of());
    }

    @Test
    void search_batch_rejects_a_query_of_the_wrong_dimension() {
        VectorIndex index = indexOfFour();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.searchBatch(List.of(SearchRequest.of(X, 1), SearchRequest.of(new float[] {1f, 0f, 0f}, 1))))
                .withMessageContaining("query has dimension 3 but the index has dimension 4");
    }

    @Test
    void search_batch_results_are_immutable() {
        List<List<Hit>> results = indexOfFour().searchBatch(List.of(SearchRequest.of(X, 2)));

        assertThatThrownBy(() -> results.add(List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> results.get(0).add(new Hit("p", 0f)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void pairs_at_or_above_returns_each_qualifying_pair_once_best_first() {
        VectorIndex index = indexOfFour();

        List<ScoredPair> pairs = index.pairsAtOrAbove(0.5f, 10);

        assertThat(pairs).extracting(ScoredPair::first, ScoredPair::second)
                .containsExactly(tuple("x", "xy"), tuple("y", "xy"));
        assertThat(pairs).extracting(ScoredPair::score)
                .usingElementComparator(new FloatComparator(1e-6f))
                .containsExactly(0.70710677f, 0.70710677f);
    }

    @Test
    void pairs_at_or_above_minus_one_returns_every_pair_with_its_cosine() {
        VectorIndex index = indexOfFour();

        List<ScoredPair> pairs = index.pairsAtOrAbove(-1f, 6);

        assertThat(pairs).extracting(ScoredPair::first, ScoredPair::second).containsExactly(
                tuple("x", "xy"), tuple("y", "xy"), tuple("x", "y"), tuple("y", "-x"), tuple("xy", "-x"),
                tuple("x", "-x"));
        assertThat(pairs).extracting(ScoredPair::score)
                .usingElementComparator(new FloatComparator(1e-6f))
                .containsExactly(0.70710677f, 0.70710677f, 0f, 0f, -0.70710677f, -1f);
    }

    @Test
    void pairs_with_equal_scores_come_in_first_then_second_insertion_order() {
        // given: three copies of X and two of Y, under ids whose alphabetical order is not insertion order
        VectorIndex index = newIndex(4);
        index.add("e", X);
        index.add("d", Y);
        index.add("c", X);
        index.add("b", Y);
        index.add("a", new float[] {5f, 0f, 0f, 0f});

        // when
        List<ScoredPair> pairs = index.pairsAtOrAbove(0.5f, 100);

        // then: every pair scores exactly 1
        assertThat(pairs).extracting(ScoredPair::first, ScoredPair::second)
                .containsExactly(tuple("e", "c"), tuple("e", "a"), tuple("d", "b"), tuple("c", "a"));
        assertThat(pairs).extracting(ScoredPair::score).containsOnly(1f);
    }

    @Test
    void pairs_at_or_above_an_index_of_fewer_than_two_vectors_is_empty() {
        VectorIndex index = newIndex(4);
        assertThat(index.pairsAtOrAbove(-1f, 1)).isEmpty();

        index.add("x", X);
        assertThat(index.pairsAtOrAbove(-1f, 1)).isEmpty();
    }

    @Test
    void more_pairs_than_max_pairs_throw_naming_the_limit_and_the_threshold() {
        VectorIndex index = indexOfFour();

        assertThatThrownBy(() -> index.pairsAtOrAbove(-1f, 5))
                .isInstanceOfSatisfying(TooManyPairsException.class, e -> {
                    assertThat(e.minScore()).isEqualTo(-1f);
                    assertThat(e.maxPairs()).isEqualTo(5);
                })
                .hasMessage("more than 5 pairs score >= -1.0; raise the threshold");
        assertThat(index.pairsAtOrAbove(-1f, 6)).hasSize(6);
        assertThat(index.pairsAtOrAbove(0.5f, 2)).hasSize(2);
    }

    @ParameterizedTest(name = "minScore = {0}")
    @ValueSource(floats = {-1.0001f, 1.0001f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void pairs_at_or_above_rejects_a_threshold_outside_minus_one_to_one(float minScore) {
        VectorIndex index = indexOfFour();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.pairsAtOrAbove(minScore, 10))
                .withMessage("minScore must be a finite number in [-1, 1] but was " + minScore);
    }

    @ParameterizedTest(name = "maxPairs = {0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void pairs_at_or_above_rejects_max_pairs_below_one(int maxPairs) {
        VectorIndex index = indexOfFour();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.pairsAtOrAbove(0.5f, maxPairs))
                .withMessage("maxPairs must be >= 1 but was " + maxPairs);
    }

    @Test
    void pairs_are_immutable() {
        List<ScoredPair> pairs = indexOfFour().pairsAtOrAbove(-1f, 10);

        assertThatThrownBy(() -> pairs.add(new ScoredPair("a", "b", 0f)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_removed_vector_is_gone_from_every_read() {
        // given
        VectorIndex index = indexOfFour();

        // when
        boolean removed = index.remove("xy");

        // then
        assertThat(removed).isTrue();
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.contains("xy")).isFalse();
        assertThat(index.vector("xy")).isEmpty();
        assertThat(ids(index.search(SearchRequest.of(XY, 10)))).containsExactly("x", "y", "-x");
        assertThat(ids(index.searchBatch(List.of(SearchRequest.of(XY, 1))).get(0))).containsExactly("x");
        assertThat(index.pairsAtOrAbove(-1f, 10)).extracting(ScoredPair::first, ScoredPair::second)
                .containsExactly(tuple("x", "y"), tuple("y", "-x"), tuple("x", "-x"));
    }

    @Test
    void remove_returns_false_for_an_id_the_index_does_not_hold() {
        VectorIndex index = indexOfFour();
        index.remove("x");

        assertThat(index.remove("x")).as("removed before").isFalse();
        assertThat(index.remove("nope")).as("never added").isFalse();
        assertThat(index.remove(" ")).as("blank").isFalse();
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void a_removed_id_can_be_added_again_and_ranks_as_inserted_last() {
        // given
        VectorIndex index = newIndex(4);
        index.add("a", XY);
        index.add("b", XY);
        index.remove("a");

        // when
        index.add("a", XY);

        // then
        assertThat(index.size()).isEqualTo(2);
        assertThat(ids(index.search(SearchRequest.of(XY, 5)))).containsExactly("b", "a");
    }

    @Test
    void removing_every_vector_leaves_an_empty_index() {
        VectorIndex index = indexOfFour();

        for (String id : List.of("x", "y", "xy", "-x")) {
            index.remove(id);
        }

        assertThat(index.size()).isZero();
        assertThat(index.search(SearchRequest.of(X, 3))).isEmpty();
        assertThat(index.searchBatch(List.of(SearchRequest.of(X, 3)))).containsExactly(List.of());
        assertThat(index.pairsAtOrAbove(-1f, 10)).isEmpty();
    }

    @Test
    void put_adds_a_vector_under_a_new_id() {
        VectorIndex index = indexOfFour();

        index.put("z", new float[] {0f, 0f, 2f, 0f});

        assertThat(index.size()).isEqualTo(5);
        assertThat(index.vector("z")).hasValueSatisfying(v -> assertThat(v).containsExactly(0f, 0f, 1f, 0f));
        assertThat(ids(index.search(SearchRequest.of(new float[] {0f, 0f, 1f, 0f}, 1)))).containsExactly("z");
    }

    @Test
    void put_replaces_the_vector_and_the_old_copy_is_never_returned_again() {
        // given
        VectorIndex index = indexOfFour();

        // when: x turns into -y, and ties with y as inserted after it
        index.put("x", new float[] {0f, -3f, 0f, 0f});

        // then
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.vector("x")).hasValueSatisfying(v -> assertThat(v).containsExactly(0f, -1f, 0f, 0f));
        List<Hit> hits = index.search(SearchRequest.of(X, 4));
        assertThat(ids(hits)).containsExactly("xy", "y", "x", "-x");
        assertThat(hits.get(2).score()).isCloseTo(0f, within(1e-6f));
        assertThat(ids(index.search(new SearchRequest(X, 4, Set.of(), 0.9f)))).isEmpty();
        assertThat(index.searchBatch(List.of(SearchRequest.of(X, 4)))).containsExactly(hits);
        assertThat(index.pairsAtOrAbove(0.9f, 10)).isEmpty();
        assertThat(index.pairsAtOrAbove(-1f, 10)).filteredOn(pair -> pair.first().equals("x")
                || pair.second().equals("x")).hasSize(3);
    }

    @Test
    void a_replaced_vector_ties_as_inserted_at_its_put() {
        // given
        VectorIndex index = newIndex(4);
        index.add("a", XY);
        index.add("b", XY);
        index.add("c", XY);

        // when: a is put again with the same vector, b with a scaled copy that normalizes to the same floats
        index.put("a", XY);
        index.put("b", new float[] {2f, 2f, 0f, 0f});

        // then
        assertThat(ids(index.search(SearchRequest.of(XY, 3)))).containsExactly("c", "a", "b");
        assertThat(index.pairsAtOrAbove(0.99f, 10)).extracting(ScoredPair::first, ScoredPair::second)
                .containsExactly(tuple("c", "a"), tuple("c", "b"), tuple("a", "b"));
    }

    @Test
    void put_rejects_a_bad_vector_and_keeps_the_old_one() {
        VectorIndex index = indexOfFour();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.put("x", new float[] {1f, 2f, 3f}))
                .withMessage("vector for id 'x' has dimension 3 but the index has dimension 4");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.put("x", new float[4]))
                .withMessageContaining("'x'").withMessageContaining("zero vector");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.put("x", new float[] {1f, Float.NaN, 0f, 0f}))
                .withMessageContaining("component 1 of 4 is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> index.put(" ", X)).withMessageContaining("blank");
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.vector("x")).hasValueSatisfying(v -> assertThat(v).containsExactly(X));
        assertThat(ids(index.search(SearchRequest.of(X, 1)))).containsExactly("x");
    }

    @Test
    void put_does_not_modify_the_callers_array() {
        VectorIndex index = indexOfFour();
        float[] vector = {3f, 4f, 0f, 0f};

        index.put("x", vector);

        assertThat(vector).containsExactly(3f, 4f, 0f, 0f);
    }

    @Test
    void put_and_remove_reject_null_arguments() {
        VectorIndex index = indexOfFour();

        assertThatNullPointerException().isThrownBy(() -> index.put(null, X));
        assertThatNullPointerException().isThrownBy(() -> index.put("x", null));
        assertThatNullPointerException().isThrownBy(() -> index.remove(null));
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void add_still_rejects_an_id_that_was_put() {
        VectorIndex index = newIndex(4);
        index.put("p", X);

        assertThatIllegalArgumentException().isThrownBy(() -> index.add("p", Y)).withMessageContaining("'p'");
        assertThat(index.vector("p")).hasValueSatisfying(v -> assertThat(v).containsExactly(X));
    }

    @Test
    void excluding_a_removed_id_changes_nothing_and_k_counts_only_live_vectors() {
        // given
        VectorIndex index = indexOfFour();
        index.remove("xy");
        index.put("y", MINUS_X);

        // then
        assertThat(ids(index.search(new SearchRequest(X, 10, Set.of("xy"), -1f)))).containsExactly("x", "-x", "y");
        assertThat(ids(index.search(new SearchRequest(X, 2, Set.of("xy", "x"), -1f)))).containsExactly("-x", "y");
        assertThat(ids(index.search(SearchRequest.of(X, 3)))).containsExactly("x", "-x", "y");
    }

    @Test
    void a_filter_keeps_only_the_ids_it_accepts_even_when_k_exceeds_them() {
        VectorIndex index = indexOfFour();
        SearchRequest request = SearchRequest.of(X, 10).withFilter(Set.of("y", "-x", "stranger")::contains);

        assertThat(ids(index.search(request))).containsExactly("y", "-x");
        assertThat(ids(index.search(SearchRequest.of(X, 1).withFilter(request.filter())))).containsExactly("y");
    }

    @Test
    void a_filter_applies_inside_the_search_so_k_hits_still_come_back() {
        // given: the two best for X are filtered out
        VectorIndex index = indexOfFour();
        SearchRequest request = SearchRequest.of(X, 2).withFilter(id -> !id.startsWith("x"));

        // then
        assertThat(ids(index.search(request))).containsExactly("y", "-x");
    }

    @Test
    void a_filter_combines_with_exclusions_and_the_score_band() {
        VectorIndex index = indexOfFour();
        SearchRequest request = new SearchRequest(X, 10, Set.of("y"), -0.5f, 0.99f).withFilter(id -> !id.equals("xy"));

        assertThat(index.search(request)).isEmpty();
        assertThat(ids(index.search(request.withFilter(id -> !id.equals("x"))))).containsExactly("xy");
    }

    @Test
    void a_filter_that_accepts_nothing_returns_no_hits() {
        VectorIndex index = indexOfFour();

        assertThat(index.search(SearchRequest.of(X, 3).withFilter(id -> false))).isEmpty();
        assertThat(index.searchBatch(List.of(SearchRequest.of(X, 3).withFilter(id -> false))))
                .containsExactly(List.of());
    }

    @Test
    void the_filter_is_asked_only_about_ids_the_index_holds_and_the_request_does_not_exclude() {
        // given
        VectorIndex index = indexOfFour();
        index.remove("y");
        index.put("x", MINUS_X);
        Set<String> asked = ConcurrentHashMap.newKeySet();

        // when
        List<Hit> hits = index.search(new SearchRequest(XY, 10, Set.of("xy"), -1f).withFilter(id -> {
            asked.add(id);
            return true;
        }));

        // then
        assertThat(ids(hits)).containsExactly("-x", "x");
        assertThat(asked).containsExactlyInAnyOrder("-x", "x");
    }

    @Test
    void search_batch_honours_each_requests_own_filter() {
        VectorIndex index = indexOfFour();
        List<SearchRequest> requests = List.of(
                SearchRequest.of(X, 2).withFilter(id -> id.contains("x")),
                SearchRequest.of(X, 2),
                SearchRequest.of(X, 2).withFilter(Set.of("y")::contains),
                new SearchRequest(X, 4, Set.of("-x"), -1f).withFilter(id -> !id.equals("x")));

        List<List<Hit>> results = index.searchBatch(requests);

        for (int i = 0; i < requests.size(); i++) {
            assertThat(results.get(i)).as("request %d", i).isEqualTo(index.search(requests.get(i)));
        }
        assertThat(ids(results.get(0))).containsExactly("x", "xy");
        assertThat(ids(results.get(1))).containsExactly("x", "xy");
        assertThat(ids(results.get(2))).containsExactly("y");
        assertThat(ids(results.get(3))).containsExactly("xy", "y");
    }

    @Test
    void an_exception_from_the_filter_comes_out_of_the_search() {
        VectorIndex index = indexOfFour();
        SearchRequest request = SearchRequest.of(X, 2).withFilter(id -> {
            throw new IllegalStateException("metadata store is down");
        });

        assertThatThrownBy(() -> index.search(request)).isInstanceOf(IllegalStateException.class)
                .hasMessage("metadata store is down");
    }

    @Test
    void close_can_be_called_twice() {
        VectorIndex index = indexOfFour();

        index.close();
        index.close();
    }
}
