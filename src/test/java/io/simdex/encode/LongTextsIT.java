package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.simdex.TestModels;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;
import io.simdex.kernels.VectorMath;

import java.util.List;

/** The real model with {@code model.long-texts: chunk}, against the same model truncating. */
class LongTextsIT {

    private static OnnxEncoder chunking;
    private static String longAbstract;
    private static String pointerNetworks;

    @BeforeAll
    static void load() {
        chunking = OnnxEncoder.load(TestModels.minilmSpec().withLongTexts(LongTexts.CHUNK, 32));
        List<Paper> papers = CorpusLoader.load(CorpusLoader.BUNDLED).papers();
        pointerNetworks = papers.stream().filter(p -> p.title().equals("Pointer Networks")).findFirst()
                .orElseThrow().abstractText();
        // The first abstract that alone fills the 256-token budget, so truncation drops whatever follows it.
        longAbstract = papers.stream().map(Paper::abstractText)
                .filter(text -> TestModels.minilm().encode(List.of(text)).get(0).truncated())
                .findFirst().orElseThrow();
    }

    @AfterAll
    static void close() {
        chunking.close();
    }

    @Test
    void a_text_that_fits_gets_the_same_vector_either_way() {
        String query = "pointer network attention convex hull travelling salesman";
        Embedding chunked = chunking.encode(List.of(query)).get(0);
        Embedding truncated = TestModels.minilm().encode(List.of(query)).get(0);
        assertThat(VectorMath.dot(chunked.vector(), truncated.vector())).isGreaterThan(0.99999f);
        assertThat(chunked.tokens()).isEqualTo(truncated.tokens());
    }

    @Test
    void chunking_reads_the_end_of_a_long_text_that_truncation_drops() {
        String combined = longAbstract + " " + pointerNetworks;
        Embedding truncated = TestModels.minilm().encode(List.of(combined)).get(0);
        Embedding chunked = chunking.encode(List.of(combined)).get(0);
        float[] tail = TestModels.minilm().encode(List.of(pointerNetworks)).get(0).vector();

        assertThat(truncated.truncated()).isTrue();
        assertThat(chunked.truncated()).isFalse();
        assertThat(chunked.tokens()).isEqualTo(truncated.tokens()).isEqualTo(chunked.tokensEmbedded());
        float truncatedToTail = VectorMath.dot(truncated.vector(), tail);
        float chunkedToTail = VectorMath.dot(chunked.vector(), tail);
        assertThat(chunkedToTail).as("cosine to the dropped tail: chunked %s vs truncated %s",
                chunkedToTail, truncatedToTail).isGreaterThan(truncatedToTail + 0.1f);
        assertThat(VectorMath.l2Norm(chunked.vector())).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
    }

    @Test
    void chunked_vectors_come_back_in_input_order_when_long_and_short_texts_are_mixed() {
        List<String> texts = List.of(pointerNetworks, longAbstract + " " + pointerNetworks, "convex hull", longAbstract);
        List<Embedding> together = chunking.encode(texts);
        for (int i = 0; i < texts.size(); i++) {
            Embedding alone = chunking.encode(List.of(texts.get(i))).get(0);
            assertThat(VectorMath.dot(together.get(i).vector(), alone.vector())).as("text %d", i).isGreaterThan(0.9999f);
        }
    }

    @Test
    void the_model_id_changes_with_chunking_so_cached_vectors_are_never_mixed() {
        assertThat(chunking.modelId()).isNotEqualTo(TestModels.minilm().modelId()).contains("/chunk32/");
        assertThat(TestModels.minilm().modelId()).doesNotContain("chunk").doesNotContain("opt-");
    }

    @Test
    void a_chunking_encoders_truncating_twin_is_the_truncating_encoder() {
        assertThat(chunking.truncatingModelId()).isEqualTo(TestModels.minilm().modelId());
        assertThat(TestModels.minilm().truncatingModelId()).isEqualTo(TestModels.minilm().modelId());
    }
}
