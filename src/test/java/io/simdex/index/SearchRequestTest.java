package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

class SearchRequestTest {

    private static final float[] QUERY = {0.6f, 0.8f};

    @Test
    void of_excludes_nothing_and_keeps_every_score() {
        SearchRequest request = SearchRequest.of(QUERY, 10);

        assertThat(request.query()).containsExactly(QUERY);
        assertThat(request.k()).isEqualTo(10);
        assertThat(request.excludeIds()).isEmpty();
        assertThat(request.minScore()).isEqualTo(-1f);
        assertThat(request.maxScore()).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void the_four_argument_constructor_sets_no_ceiling() {
        SearchRequest request = new SearchRequest(QUERY, 5, Set.of("a"), 0.5f);

        assertThat(request.maxScore()).isEqualTo(SearchRequest.NO_MAX_SCORE);
        assertThat(request).isEqualTo(new SearchRequest(QUERY, 5, Set.of("a"), 0.5f, SearchRequest.NO_MAX_SCORE));
    }

    @ParameterizedTest(name = "maxScore = {0}")
    @ValueSource(floats = {-1.0001f, 1.0001f, -2f, 5f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MAX_VALUE})
    void max_score_outside_minus_one_to_one_and_not_infinity_is_rejected_with_its_value(float maxScore) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SearchRequest(QUERY, 5, Set.of(), -1f, maxScore))
                .withMessage("maxScore must be a finite number in [-1, 1], or +Infinity for none, but was "
                        + maxScore);
    }

    @Test
    void max_score_below_min_score_is_rejected_naming_both() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SearchRequest(QUERY, 5, Set.of(), 0.9f, 0.8f))
                .withMessage("maxScore 0.8 is below minScore 0.9; the band would be empty");
    }

    @ParameterizedTest(name = "maxScore = {0}")
    @ValueSource(floats = {-0.5f, 0f, 0.98f, 1f, Float.POSITIVE_INFINITY})
    void max_score_at_or_above_min_score_is_accepted_including_an_equal_one(float maxScore) {
        assertThat(new SearchRequest(QUERY, 5, Set.of(), -0.5f, maxScore).maxScore()).isEqualTo(maxScore);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void k_below_one_is_rejected_with_its_value(int k) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SearchRequest.of(QUERY, k))
                .withMessage("k must be >= 1 but was " + k);
    }

    @ParameterizedTest(name = "minScore = {0}")
    @ValueSource(floats = {-1.0001f, 1.0001f, -2f, 5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void min_score_outside_minus_one_to_one_is_rejected_with_its_value(float minScore) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SearchRequest(QUERY, 5, Set.of(), minScore))
                .withMessage("minScore must be a finite number in [-1, 1] but was " + minScore);
    }

    @ParameterizedTest(name = "minScore = {0}")
    @ValueSource(floats = {-1f, -0.5f, 0f, 0.99f, 1f})
    void min_score_anywhere_in_minus_one_to_one_is_accepted(float minScore) {
        assertThat(new SearchRequest(QUERY, 5, Set.of(), minScore).minScore()).isEqualTo(minScore);
    }

    @Test
    void a_null_query_or_exclusion_set_is_rejected() {
        assertThatNullPointerException().isThrownBy(() -> SearchRequest.of(null, 5)).withMessage("query");
        assertThatNullPointerException()
                .isThrownBy(() -> new SearchRequest(QUERY, 5, null, 0f))
                .withMessage("excludeIds");
        Set<String> withNull = new HashSet<>(Arrays.asList("a", null));
        assertThatThrownBy(() -> new SearchRequest(QUERY, 5, withNull, 0f))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void an_empty_query_is_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SearchRequest.of(new float[0], 5))
                .withMessage("query has 0 components; it must have at least 1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void a_query_with_a_non_finite_component_is_rejected_naming_it(float bad) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SearchRequest.of(new float[] {0.5f, 0.5f, bad}, 5))
                .withMessage("query component 2 of 3 is " + bad + "; every component must be a finite float");
    }

    @Test
    void a_zero_query_is_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SearchRequest.of(new float[] {0f, 0f}, 5))
                .withMessageContaining("zero vector")
                .withMessageContaining("2 components");
    }

    @Test
    void the_query_is_copied_in_and_out() {
        float[] query = QUERY.clone();
        SearchRequest request = SearchRequest.of(query, 5);

        query[0] = 42f;
        request.query()[1] = 42f;

        assertThat(request.query()).containsExactly(QUERY);
    }

    @Test
    void the_exclusions_are_an_immutable_copy() {
        Set<String> excluded = new HashSet<>(Set.of("a"));
        SearchRequest request = new SearchRequest(QUERY, 5, excluded, 0f);

        excluded.add("b");

        assertThat(request.excludeIds()).containsExactly("a");
        assertThatThrownBy(() -> request.excludeIds().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requests_with_equal_contents_are_equal() {
        SearchRequest a = new SearchRequest(QUERY.clone(), 5, Set.of("x"), 0.5f);
        SearchRequest b = new SearchRequest(QUERY.clone(), 5, Set.of("x"), 0.5f);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new SearchRequest(new float[] {0.8f, 0.6f}, 5, Set.of("x"), 0.5f));
        assertThat(a).isNotEqualTo(new SearchRequest(QUERY.clone(), 5, Set.of("x"), 0.5f, 0.98f));
        SearchRequest banded = new SearchRequest(QUERY.clone(), 5, Set.of("x"), 0.5f, 0.98f);
        assertThat(banded).isEqualTo(new SearchRequest(QUERY.clone(), 5, Set.of("x"), 0.5f, 0.98f))
                .hasSameHashCodeAs(new SearchRequest(QUERY.clone(), 5, Set.of("x"), 0.5f, 0.98f));
        assertThat(a.toString()).contains("query=float[2]", "k=5", "minScore=0.5", "maxScore=Infinity");
        assertThat(banded.toString()).contains("maxScore=0.98");
    }

    @Test
    void every_constructor_but_the_canonical_one_accepts_every_id() {
        assertThat(SearchRequest.of(QUERY, 5).filter()).isSameAs(SearchRequest.NO_FILTER);
        assertThat(new SearchRequest(QUERY, 5, Set.of(), 0f).filter()).isSameAs(SearchRequest.NO_FILTER);
        assertThat(new SearchRequest(QUERY, 5, Set.of(), 0f, 0.5f).filter()).isSameAs(SearchRequest.NO_FILTER);
        assertThat(SearchRequest.NO_FILTER.test("anything")).isTrue();
    }

    @Test
    void with_filter_replaces_only_the_filter() {
        // given
        Predicate<String> recent = id -> id.startsWith("2021-");
        SearchRequest request = new SearchRequest(QUERY, 5, Set.of("a"), 0.1f, 0.9f);

        // when
        SearchRequest filtered = request.withFilter(recent);

        // then
        assertThat(filtered.filter()).isSameAs(recent);
        assertThat(filtered.withFilter(SearchRequest.NO_FILTER)).isEqualTo(request);
        assertThat(filtered).isEqualTo(new SearchRequest(QUERY, 5, Set.of("a"), 0.1f, 0.9f, recent))
                .isNotEqualTo(request);
        assertThat(filtered.toString()).contains("filter=").doesNotContain("filter=none");
        assertThat(request.toString()).contains("filter=none");
    }

    @Test
    void a_null_filter_is_rejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> SearchRequest.of(QUERY, 5).withFilter(null))
                .withMessage("filter");
    }
}
