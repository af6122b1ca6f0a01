package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.simdex.App;
import io.simdex.BundledApp;

import java.util.List;

/** The embedding endpoints over the real model and the bundled corpus: their vectors are the papers' vectors. */
class EmbeddingEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static App app;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        app = BundledApp.get();
        http = new TestHttp(app.server());
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void openai_embeddings_of_papers_texts_are_the_vectors_simdex_compares() throws Exception {
        String id = "pointer-networks";
        JsonNode nearest = http.get("/api/papers/" + id + "/similar?k=1").json().get("results").get(0);
        List<String> texts = List.of(app.search().paper(id).embeddingText(),
                app.search().paper(nearest.get("id").asText()).embeddingText());

        JsonNode reply = http.post("/v1/embeddings", JSON.writeValueAsString(
                java.util.Map.of("input", texts, "model", "all-minilm-l6-v2"))).json();

        float[] a = floats(reply.get("data").get(0).get("embedding"));
        float[] b = floats(reply.get("data").get(1).get("embedding"));
        float[] encoded = app.encoder().encode(texts.get(0)).vector();
        assertThat(a).hasSize(384);
        for (int d = 0; d < a.length; d++) {
            assertThat(a[d]).isCloseTo(encoded[d], within(1e-6f));
        }
        double cosine = 0;
        for (int d = 0; d < a.length; d++) {
            cosine += a[d] * b[d];
        }
        assertThat(cosine).isCloseTo(nearest.get("score").asDouble(), within(1e-5));
        assertThat(reply.get("usage").get("prompt_tokens").asInt())
                .isEqualTo(app.search().tokens(id).tokens() + app.search().tokens(nearest.get("id").asText()).tokens());
    }

    @Test
    void tei_embed_refuses_a_text_over_256_tokens_unless_asked_to_truncate_it() throws Exception {
        String longText = "sparse attention for long scientific abstracts ".repeat(80);
        String body = JSON.writeValueAsString(java.util.Map.of("inputs", longText));

        var refused = http.post("/embed", body);
        var truncated = http.post("/embed", body.replace("}", ", \"truncate\": true}"));

        refused.assertProblem(413);
        assertThat(refused.json().get("detail").asText()).contains("budget of 256").contains("\"truncate\": true");
        assertThat(truncated.status()).isEqualTo(200);
        assertThat(floats(truncated.json().get(0))).isEqualTo(app.encoder().encode(longText).vector());
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).floatValue();
        }
        return out;
    }
}
