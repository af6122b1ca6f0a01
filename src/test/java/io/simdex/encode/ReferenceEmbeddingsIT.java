package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.simdex.TestModels;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The encoder against 45 reference embeddings made by an independent implementation (transformers.js +
 * onnxruntime-node): this is what proves tokenization, truncation, pooling and normalization right.
 * Entries sharing a token budget are encoded in one call, so padding inside a batch is exercised too.
 */
class ReferenceEmbeddingsIT {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reference(
            String text,
            String kind,
            @JsonProperty("max_tokens") int maxTokens,
            @JsonProperty("n_tokens") int tokens,
            @JsonProperty("n_tokens_untruncated") int tokensUntruncated,
            @JsonProperty("input_ids") long[] inputIds,
            float[] embedding) {
    }

    private static List<Reference> references;

    @BeforeAll
    static void readFixtures() throws IOException {
        try (InputStream in = ReferenceEmbeddingsIT.class.getResourceAsStream("/fixtures/minilm-reference-embeddings.json")) {
            references = new ObjectMapper().readValue(in, new TypeReference<>() { });
        }
        assertThat(references).hasSize(45);
    }

    @Test
    void fp32_matches_every_reference_embedding_at_its_token_budget() {
        assertAgainstReferences(TestModels.minilm(), 0.99999);
    }

    @Test
    void int8_stays_close_to_every_reference_embedding() {
        assertAgainstReferences(TestModels.minilmInt8(), 0.98);
    }

    @Test
    void token_counts_and_truncation_flags_match_the_references() {
        for (var group : byBudget().entrySet()) {
            List<Reference> refs = group.getValue();
            List<Embedding> got = TestModels.minilm().encode(refs.stream().map(Reference::text).toList(), group.getKey());
            for (int i = 0; i < refs.size(); i++) {
                Reference ref = refs.get(i);
                assertThat(got.get(i).tokensEmbedded()).as("tokens embedded for %s", ref.text()).isEqualTo(ref.tokens());
                assertThat(got.get(i).tokens()).as("untruncated tokens for %s", ref.text()).isEqualTo(ref.tokensUntruncated());
                assertThat(got.get(i).truncated()).isEqualTo(ref.tokensUntruncated() > ref.maxTokens());
            }
        }
    }

    @Test
    void input_ids_are_the_reference_ids_at_every_token_budget() throws IOException {
        try (var tokenizer = TextTokenizer.load(TestModels.MODEL_CACHE.resolve("all-minilm-l6-v2/tokenizer.json"))) {
            for (var group : byBudget().entrySet()) {
                List<Reference> refs = group.getValue();
                List<TokenizedText> got = tokenizer.tokenize(refs.stream().map(Reference::text).toList(), group.getKey());
                for (int i = 0; i < refs.size(); i++) {
                    assertThat(got.get(i).ids()).as("ids of '%s' at %d tokens", abbreviate(refs.get(i).text()), group.getKey())
                            .containsExactly(refs.get(i).inputIds());
                }
            }
        }
    }

    @Test
    void truncation_keeps_cls_and_the_closing_sep() {
        var cut = TextTokenizer.truncate(new long[] {101, 5, 6, 7, 8, 102}, 4);
        assertThat(cut.ids()).containsExactly(101, 5, 6, 102);
        assertThat(cut.fullLength()).isEqualTo(6);
    }

    private static void assertAgainstReferences(OnnxEncoder encoder, double minCosine) {
        for (var group : byBudget().entrySet()) {
            List<Reference> refs = group.getValue();
            List<Embedding> got = encoder.encode(refs.stream().map(Reference::text).toList(), group.getKey());
            for (int i = 0; i < refs.size(); i++) {
                Reference ref = refs.get(i);
                assertThat(got.get(i).vector()).hasSize(384);
                assertThat(cosine(got.get(i).vector(), ref.embedding()))
                        .as("cosine to reference for %s '%s' at %d tokens", ref.kind(), abbreviate(ref.text()), ref.maxTokens())
                        .isGreaterThanOrEqualTo(minCosine);
            }
        }
    }

    private static Map<Integer, List<Reference>> byBudget() {
        return references.stream().collect(Collectors.groupingBy(Reference::maxTokens, TreeMap::new, Collectors.toList()));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
