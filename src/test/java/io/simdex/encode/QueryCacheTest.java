package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.simdex.FakeEncoder;

import java.util.List;

class QueryCacheTest {

    private final FakeEncoder model = new FakeEncoder();

    @Test
    void a_query_asked_again_is_answered_without_the_model() {
        var cache = new QueryCache(model, 16);

        Embedding first = cache.encodeQuery("graph neural networks");
        Embedding again = cache.encodeQuery("graph neural networks");

        assertThat(model.encodedTexts()).isEqualTo(1);
        assertThat(again.vector()).containsExactly(first.vector());
        assertThat(again.tokens()).isEqualTo(first.tokens());
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void the_key_is_the_exact_text() {
        var cache = new QueryCache(model, 16);

        cache.encodeQuery("graph neural networks");
        cache.encodeQuery("Graph neural networks");
        cache.encodeQuery("graph neural networks ");

        assertThat(model.encodedTexts()).isEqualTo(3);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void a_batch_encodes_only_the_queries_it_does_not_hold_in_one_call_and_keeps_order() {
        var cache = new QueryCache(model, 16);
        cache.encodeQuery("protein folding");

        List<Embedding> answers = cache.encodeQueries(List.of("graph networks", "protein folding", "galaxies"));

        assertThat(model.seenTexts()).containsExactly("protein folding", "graph networks", "galaxies");
        assertThat(answers).hasSize(3);
        assertThat(answers.get(1).vector()).containsExactly(model.encodeQuery("protein folding").vector());
        assertThat(answers.get(2).vector()).containsExactly(model.encodeQuery("galaxies").vector());
    }

    @Test
    void documents_are_never_cached() {
        var cache = new QueryCache(model, 16);

        cache.encode("a paper's title and abstract");
        cache.encode("a paper's title and abstract");

        assertThat(model.encodedTexts()).isEqualTo(2);
        assertThat(cache.size()).isZero();
        assertThat(cache.holds("a paper's title and abstract")).isFalse();
    }

    @Test
    void it_holds_at_most_its_size_and_evicted_queries_are_encoded_again() {
        var cache = QueryCache.evictingInline(model, 2);
        List<String> queries = List.of("one", "two", "three", "four", "five");

        queries.forEach(cache::encodeQuery);
        queries.forEach(cache::encodeQuery);

        assertThat(cache.size()).isLessThanOrEqualTo(2);
        assertThat(cache.evictions()).isPositive();
        assertThat(model.encodedTexts()).isGreaterThan(queries.size());
        assertThat(queries.stream().filter(cache::holds).count()).isLessThanOrEqualTo(2);
    }

    @Test
    void another_model_identity_does_not_reuse_the_vectors_of_the_first() {
        var swappable = new SwappableModel(model);
        var cache = new QueryCache(swappable, 16);

        cache.encodeQuery("graph neural networks");
        swappable.modelId = "other-model@abc/max128";
        cache.encodeQuery("graph neural networks");

        assertThat(model.encodedTexts()).isEqualTo(2);
        assertThat(cache.holds("graph neural networks")).isTrue();
    }

    @Test
    void the_query_instruction_is_applied_by_the_model_and_part_of_the_key() {
        var instructed = new FakeEncoder(256, "Represent this sentence for searching relevant passages: ");
        var cache = new QueryCache(instructed, 16);

        cache.encodeQuery("graph neural networks");
        cache.encodeQuery("graph neural networks");

        assertThat(instructed.seenTexts())
                .containsExactly("Represent this sentence for searching relevant passages: graph neural networks");
    }

    @Test
    void size_zero_turns_it_off() {
        var cache = new QueryCache(model, 0);

        cache.encodeQuery("graph neural networks");
        cache.encodeQuery("graph neural networks");

        assertThat(model.encodedTexts()).isEqualTo(2);
        assertThat(cache.holds("graph neural networks")).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_caller_changing_its_vector_does_not_change_the_cached_one() {
        var cache = new QueryCache(model, 16);
        float[] expected = cache.encodeQuery("graph neural networks").vector().clone();

        cache.encodeQuery("graph neural networks").vector()[0] = 42f;

        assertThat(cache.encodeQuery("graph neural networks").vector()).containsExactly(expected);
    }

    @Test
    void a_negative_size_is_refused() {
        assertThatThrownBy(() -> new QueryCache(model, -1)).hasMessageContaining("query-cache-size");
    }

    /** The fake model under an identity the test can change, as a model swap would. */
    private static final class SwappableModel extends DelegatingEncoder {
        private volatile String modelId = "fake@64/max256";

        SwappableModel(FakeEncoder delegate) {
            super(delegate);
        }

        @Override
        public String modelId() {
            return modelId;
        }
    }
}
