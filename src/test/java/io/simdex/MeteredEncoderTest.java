package io.simdex;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.simdex.encode.QueryCache;

import java.util.List;

/** The encoder's meters: one count per call and its texts, by kind, and the wrapped encoder's answers unchanged. */
class MeteredEncoderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeEncoder fake = new FakeEncoder(64, "query: ");
    private final MeteredEncoder encoder = new MeteredEncoder(fake, registry);

    @Test
    void each_call_counts_once_with_its_texts_by_kind() {
        encoder.encode(List.of("a", "b", "c"));
        encoder.encode("d");
        encoder.encodeQuery("e");

        assertThat(calls("document")).isEqualTo(2);
        assertThat(texts("document")).isEqualTo(4);
        assertThat(registry.get("simdex.encode.texts").tag("kind", "document").summary().max()).isEqualTo(3);
        assertThat(calls("query")).isEqualTo(1);
        assertThat(texts("query")).isEqualTo(1);
    }

    @Test
    void queries_get_the_wrapped_encoders_instruction_once_and_the_same_vectors() {
        var metered = encoder.encodeQuery("graph networks");

        assertThat(fake.seenTexts()).containsExactly("query: graph networks");
        assertThat(metered.vector()).isEqualTo(new FakeEncoder(64).encode("query: graph networks").vector());
        assertThat(encoder.queryInstruction()).isEqualTo("query: ");
        assertThat(encoder.modelId()).isEqualTo(fake.modelId());
        assertThat(encoder.dimension()).isEqualTo(fake.dimension());
    }

    @Test
    void the_query_cache_counts_hits_misses_and_size_and_only_misses_reach_the_model() {
        var cache = new QueryCache(encoder, 16);
        MeteredEncoder.watch(cache, registry);

        cache.encodeQuery("graph networks");
        cache.encodeQuery("graph networks");
        cache.encodeQuery("protein folding");

        assertThat(registry.get("simdex.encode.query.cache.hits").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("simdex.encode.query.cache.misses").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("simdex.encode.query.cache.size").gauge().value()).isEqualTo(2);
        assertThat(calls("query")).isEqualTo(2);
    }

    @Test
    void a_call_with_no_text_is_not_counted() {
        assertThat(encoder.encode(List.of())).isEmpty();

        assertThat(calls("document")).isZero();
    }

    private long calls(String kind) {
        return registry.get("simdex.encode").tag("kind", kind).timer().count();
    }

    private double texts(String kind) {
        return registry.get("simdex.encode.texts").tag("kind", kind).summary().totalAmount();
    }
}
