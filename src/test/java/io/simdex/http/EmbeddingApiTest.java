package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.SearchService;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@code POST /v1/embeddings} and {@code POST /embed} over the fake encoder: shapes, the OpenAI client, every error. */
class EmbeddingApiTest {

    private static final int MAX_TEXT_CHARS = 200;
    /** A fake with a query instruction, so a vector made as a query would differ from the paper vector. */
    private static final FakeEncoder ENCODER = new FakeEncoder(8, "query: ");
    private static TestHttp http;

    @BeforeAll
    static void start() {
        var papers = TopicPapers.papers(topic -> "We study " + topic + ".", i -> List.of());
        IndexedCorpus indexed = CorpusIndexer.index(new Corpus(papers, List.of()), ENCODER);
        http = new TestHttp(HttpApi.create(new SearchService(indexed, ENCODER), new DuplicateService(indexed, ENCODER),
                new HttpOptions(5, 50, MAX_TEXT_CHARS, 10)));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void openai_embeddings_are_the_paper_vectors_in_input_order_with_token_usage() {
        var reply = http.post("/v1/embeddings", "{\"input\": [\"protein folding\", \"graph neural networks\"],"
                + " \"model\": \"fake\"}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(fieldNames(json)).containsExactly("object", "data", "model", "usage");
        assertThat(json.get("object").asText()).isEqualTo("list");
        assertThat(json.get("model").asText()).isEqualTo("fake");
        JsonNode data = json.get("data");
        assertThat(data).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(fieldNames(data.get(i))).containsExactly("object", "index", "embedding");
            assertThat(data.get(i).get("object").asText()).isEqualTo("embedding");
            assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(floats(data.get(0).get("embedding"))).isEqualTo(ENCODER.encode("protein folding").vector())
                .isNotEqualTo(ENCODER.encodeQuery("protein folding").vector());
        assertThat(floats(data.get(1).get("embedding"))).isEqualTo(ENCODER.encode("graph neural networks").vector());
        // the fake counts one token per word, plus [CLS] and [SEP]
        assertThat(json.get("usage").get("prompt_tokens").asInt()).isEqualTo(4 + 5);
        assertThat(json.get("usage").get("total_tokens").asInt()).isEqualTo(4 + 5);
    }

    @Test
    void openai_takes_one_string_and_the_model_s_own_dimension() {
        var reply = http.post("/v1/embeddings", "{\"input\": \"speech recognition\", \"model\": \"fake\","
                + " \"dimensions\": " + FakeEncoder.DIMENSION + ", \"encoding_format\": \"float\", \"user\": \"u-1\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("data")).hasSize(1);
        assertThat(floats(reply.json().get("data").get(0).get("embedding")))
                .isEqualTo(ENCODER.encode("speech recognition").vector());
    }

    @Test
    void openai_base64_holds_the_same_floats_little_endian() {
        String body = "{\"input\": [\"image segmentation\", \"machine translation\"], \"model\": \"fake\"";
        JsonNode plain = http.post("/v1/embeddings", body + "}").json();
        JsonNode packed = http.post("/v1/embeddings", body + ", \"encoding_format\": \"base64\"}").json();

        for (int i = 0; i < 2; i++) {
            byte[] bytes = Base64.getDecoder().decode(packed.get("data").get(i).get("embedding").asText());
            float[] decoded = new float[bytes.length / Float.BYTES];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(decoded);
            assertThat(decoded).isEqualTo(floats(plain.get("data").get(i).get("embedding")));
        }
        assertThat(packed.get("usage")).isEqualTo(plain.get("usage"));
    }

    @Test
    void an_openai_client_library_gets_simdex_s_vectors() {
        var model = OpenAiEmbeddingModel.builder().baseUrl("http://127.0.0.1:" + http.port() + "/v1")
                .apiKey("unused").modelName("fake").build();
        List<String> texts = List.of("diffusion models", "reinforcement learning for robots", "protein folding");

        var response = model.embedAll(texts.stream().map(TextSegment::from).toList());

        assertThat(response.content()).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] expected = ENCODER.encode(texts.get(i)).vector();
            float[] actual = response.content().get(i).vector();
            assertThat(actual).hasSize(expected.length);
            for (int d = 0; d < expected.length; d++) {
                assertThat(actual[d]).as("text %d, dimension %d", i, d).isCloseTo(expected[d], within(1e-6f));
            }
        }
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(4 + 6 + 4);
    }

    @Test
    void an_unknown_model_is_not_found_and_the_answer_names_the_served_one() {
        var reply = http.post("/v1/embeddings", "{\"input\": \"protein folding\", \"model\": \"text-embedding-3-small\"}");

        reply.assertProblem(404);
        assertThat(reply.json().get("parameter").asText()).isEqualTo("model");
        assertThat(reply.json().get("detail").asText()).contains("'text-embedding-3-small'").contains("\"fake\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"model": "fake"}                                                    | input    | missing
            {"input": 5, "model": "fake"}                                        | input    | string or an array
            {"input": [], "model": "fake"}                                       | input    | empty array
            {"input": "", "model": "fake"}                                       | input    | is empty
            {"input": ["protein", " "], "model": "fake"}                         | input    | 'input[1]' is blank
            {"input": [101, 2023, 102], "model": "fake"}                         | input    | token ids
            {"input": [[101, 2023, 102]], "model": "fake"}                       | input    | token ids
            {"input": [{"text": "protein"}], "model": "fake"}                    | input    | must be a string
            {"input": "protein"}                                                 | model    | "model": "fake"
            {"input": "protein", "model": 3}                                     | model    | must be a string
            {"input": "protein", "model": "fake", "dimensions": 32}              | dimensions | 64 dimensions only
            {"input": "protein", "model": "fake", "dimensions": "64"}            | dimensions | whole number
            {"input": "protein", "model": "fake", "encoding_format": "int8"}     | encoding_format | "base64"
            {"input": "protein", "model": "fake", "user": 7}                     | user     | must be a string
            {"input": "protein", "model": "fake", "normalize": true}             | normalize | unknown field
            """)
    void a_bad_openai_request_is_a_400_naming_the_field(String body, String field, String detail) {
        var reply = http.post("/v1/embeddings", body);

        reply.assertProblem(400);
        assertThat(reply.json().get("parameter").asText()).isEqualTo(field);
        assertThat(reply.json().get("detail").asText()).contains(detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {}                                                     | inputs    | missing
            {"inputs": []}                                         | inputs    | empty array
            {"inputs": ""}                                         | inputs    | is empty
            {"inputs": [101, 2023]}                                | inputs    | token ids
            {"inputs": "protein", "normalize": false}              | normalize | always unit length
            {"inputs": "protein", "normalize": "yes"}              | normalize | true or false
            {"inputs": "protein", "truncate": 1}                   | truncate  | true or false
            {"inputs": "protein", "truncation_direction": "Left"}  | truncation_direction | "Right"
            {"inputs": "protein", "prompt_name": "query"}          | prompt_name | unknown field
            {"inputs": "protein", "model": "fake"}                 | model     | unknown field
            """)
    void a_bad_tei_request_is_a_400_naming_the_field(String body, String field, String detail) {
        var reply = http.post("/embed", body);

        reply.assertProblem(400);
        assertThat(reply.json().get("parameter").asText()).isEqualTo(field);
        assertThat(reply.json().get("detail").asText()).contains(detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/embeddings", "/embed"})
    void a_text_over_the_character_limit_is_refused(String path) {
        String field = path.equals("/embed") ? "inputs" : "input";
        String model = path.equals("/embed") ? "" : ", \"model\": \"fake\"";
        var reply = http.post(path, "{\"" + field + "\": [\"ok\", \"" + "a".repeat(MAX_TEXT_CHARS + 1) + "\"]"
                + model + "}");

        reply.assertProblem(400);
        assertThat(reply.json().get("detail").asText()).contains("'" + field + "[1]'")
                .contains(MAX_TEXT_CHARS + " (api.max-text-chars)");
    }

    @Test
    void more_inputs_than_one_request_embeds_are_refused_as_each_api_refuses_them() {
        String many = IntStream.range(0, EmbeddingRoutes.MAX_INPUTS + 1).mapToObj(i -> "\"text " + i + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        int encodedBefore = ENCODER.encodedTexts();

        var openAi = http.post("/v1/embeddings", "{\"input\": " + many + ", \"model\": \"fake\"}");
        var tei = http.post("/embed", "{\"inputs\": " + many + "}");

        openAi.assertProblem(400);
        tei.assertProblem(413);
        assertThat(tei.json().get("detail").asText()).contains(EmbeddingRoutes.MAX_INPUTS + 1 + " texts")
                .contains("at most " + EmbeddingRoutes.MAX_INPUTS);
        assertThat(ENCODER.encodedTexts()).isEqualTo(encodedBefore);
        String most = IntStream.range(0, EmbeddingRoutes.MAX_INPUTS).mapToObj(i -> "\"text " + i + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        assertThat(http.post("/embed", "{\"inputs\": " + most + "}").json()).hasSize(EmbeddingRoutes.MAX_INPUTS);
    }

    @Test
    void tei_embed_answers_an_array_of_vectors() {
        var many = http.post("/embed", "{\"inputs\": [\"protein folding\", \"speech recognition\"], \"normalize\":"
                + " true, \"truncation_direction\": \"Right\"}");
        var one = http.post("/embed", "{\"inputs\": \"protein folding\"}");

        assertThat(many.status()).isEqualTo(200);
        assertThat(many.json()).hasSize(2);
        assertThat(floats(many.json().get(0))).isEqualTo(ENCODER.encode("protein folding").vector());
        assertThat(floats(many.json().get(1))).isEqualTo(ENCODER.encode("speech recognition").vector());
        assertThat(one.json()).hasSize(1);
        assertThat(one.json().get(0)).isEqualTo(many.json().get(0));
    }

    @Test
    void tei_refuses_a_text_over_the_token_budget_unless_asked_to_truncate() {
        // the fake's budget is 8 tokens: 6 words and [CLS] and [SEP]
        String longText = "one two three four five six seven";

        var refused = http.post("/embed", "{\"inputs\": [\"protein\", \"" + longText + "\"]}");
        var truncated = http.post("/embed", "{\"inputs\": [\"protein\", \"" + longText + "\"], \"truncate\": true}");

        refused.assertProblem(413);
        assertThat(refused.json().get("parameter").asText()).isEqualTo("inputs");
        assertThat(refused.json().get("detail").asText()).contains("index 1").contains("9 model tokens")
                .contains("budget of 8").contains("\"truncate\": true");
        assertThat(truncated.status()).isEqualTo(200);
        assertThat(floats(truncated.json().get(1))).isEqualTo(ENCODER.encode(longText).vector());
    }

    @Test
    void the_embedding_routes_answer_options_refuse_other_methods_and_other_sites() {
        for (String path : List.of("/v1/embeddings", "/embed")) {
            var options = http.send("OPTIONS", path);
            assertThat(options.status()).isEqualTo(204);
            assertThat(options.headers().firstValue("Allow")).hasValue("OPTIONS, POST");
            http.get(path).assertProblem(404);
            http.send("POST", path, "{\"inputs\": \"protein\", \"input\": \"protein\", \"model\": \"fake\"}",
                    "Origin", "https://elsewhere.example").assertProblem(403);
            http.post(path + "?model=fake", "{}").assertProblem(400);
        }
    }

    @Test
    void the_embedding_routes_answer_503_while_the_model_loads() {
        HttpApi.Starting starting = HttpApi.starting(new HttpOptions(10, 100), 10, false);
        try (var loading = new TestHttp(starting.javalin())) {
            var openAi = loading.post("/v1/embeddings", "{\"input\": \"protein\", \"model\": \"fake\"}");
            var tei = loading.post("/embed", "{\"inputs\": \"protein\"}");

            openAi.assertProblem(503);
            tei.assertProblem(503);
            assertThat(tei.headers().firstValue("Retry-After")).hasValue("5");
        }
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).floatValue();
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        var names = new java.util.ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
