package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.simdex.App;
import io.simdex.BundledApp;
import io.simdex.config.Settings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole service as a user runs it: the bundled corpus, the real all-MiniLM-L6-v2 model, a real
 * server on a loopback port, and plain HTTP. Start-up encodes all 772 papers once, shared with the other
 * end-to-end tests through {@link BundledApp}. {@link ElasticApiEndToEndIT} runs the same suite with the collection
 * in Elasticsearch.
 */
class ApiEndToEndIT {

    private static App app;
    private static Settings settings;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        startOn(BundledApp.get(), BundledApp.settings());
    }

    /** Runs the suite against {@code served}, built from {@code builtFrom}: how a subclass picks another backend. */
    static void startOn(App served, Settings builtFrom) {
        app = served;
        settings = builtFrom;
        http = new TestHttp(app.server());
    }

    @AfterAll
    static void stop() {
        if (http != null) { // null when a subclass's backend was not there and its tests were skipped
            http.close();
            http = null;
        }
    }

    @Test
    void health_reports_the_bundled_corpus_and_the_default_model() {
        JsonNode health = http.get("/health").json();
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("papers").asInt()).isEqualTo(772);
        assertThat(health.get("model").asText()).isEqualTo("all-minilm-l6-v2");
        assertThat(health.get("dimension").asInt()).isEqualTo(384);
        assertThat(health.get("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void metrics_count_the_models_calls_and_the_collection() {
        assertThat(search("graph neural networks", 3).status()).isEqualTo(200);

        String metrics = http.get("/metrics").body();

        assertThat(metrics).contains("simdex_index_papers 772.0")
                .containsPattern("(?m)^simdex_encode_seconds_count\\{kind=\"query\"} [1-9]")
                .containsPattern("(?m)^simdex_encode_query_cache_misses_total [1-9]")
                .containsPattern("(?m)^simdex_encode_query_cache_size [1-9]")
                .containsPattern("(?m)^http_server_requests_seconds_count\\{method=\"GET\",status=\"200\","
                        + "uri=\"/api/search\"} [1-9]");
    }

    @Test
    void a_description_of_pointer_networks_finds_the_paper_in_the_top_three() {
        var reply = search("pointer network attention convex hull travelling salesman", 10);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(titles(reply.json()).subList(0, 3)).contains("Pointer Networks");
    }

    @Test
    void the_shipped_settings_search_in_hybrid_mode_and_say_so() {
        String q = "pointer networks convex hull";
        JsonNode plain = search(q, 5).json();
        JsonNode hybrid = search(q, 5, "hybrid").json();

        assertThat(plain.get("mode").asText()).isEqualTo("hybrid");
        assertThat(plain.get("results")).isEqualTo(hybrid.get("results"));
        assertThat(search(q, 5, "vector").json().get("mode").asText()).isEqualTo("vector");
    }

    @Test
    void lexical_and_hybrid_search_find_pointer_networks_by_its_name() {
        for (String mode : List.of("lexical", "hybrid")) {
            var reply = http.get("/api/search?q=pointer+networks&k=5&mode=" + mode);
            assertThat(reply.status()).as(mode).isEqualTo(200);
            assertThat(reply.json().get("mode").asText()).isEqualTo(mode);
            assertThat(titles(reply.json()).get(0)).as(mode).isEqualTo("Pointer Networks");
        }
    }

    @Test
    void search_answers_topical_questions_with_the_obvious_paper_first() {
        assertThat(titles(search("Adam optimizer adaptive estimates of lower-order moments", 5).json()).get(0))
                .isEqualTo("Adam: A Method for Stochastic Optimization");
        assertThat(titles(search("is Mamba any good for time series forecasting", 5).json()).get(0))
                .isEqualTo("Is Mamba Effective for Time Series Forecasting?");
    }

    @Test
    void vector_results_are_ranked_best_first_and_scores_are_cosines() {
        JsonNode json = search("self-supervised speech representation learning", 20, "vector").json();
        JsonNode results = json.get("results");
        assertThat(results).hasSize(20);
        double previous = 1.0001;
        for (int i = 0; i < results.size(); i++) {
            double score = results.get(i).get("score").asDouble();
            assertThat(score).isBetween(-1.0001, previous);
            assertThat(results.get(i).get("rank").asInt()).isEqualTo(i + 1);
            previous = score;
        }
    }

    @Test
    void the_same_question_gets_the_same_answer() {
        String q = "diffusion models for 3D generation from a single image";
        assertThat(titles(search(q, 10).json())).isEqualTo(titles(search(q, 10).json()));
    }

    @Test
    void similar_never_returns_the_paper_itself_and_finds_its_neighbours() {
        JsonNode some = search("transformer language models", 30).json().get("results");
        for (JsonNode hit : some) {
            String id = hit.get("id").asText();
            var reply = http.get("/api/papers/" + id + "/similar?k=10");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("results")).hasSize(10);
            assertThat(reply.json().get("results").findValuesAsText("id")).doesNotContain(id);
        }
    }

    @Test
    void paper_details_record_every_page_and_the_truncation() {
        JsonNode paper = http.get("/api/papers/pointer-networks").json();
        assertThat(paper.get("title").asText()).isEqualTo("Pointer Networks");
        assertThat(paper.get("abstract").asText()).startsWith("We introduce a new neural architecture");
        // the paper stands on two of the bundled pages
        assertThat(paper.get("sources").findValuesAsText("file")).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        assertThat(paper.get("tokens").asInt()).isGreaterThan(0);
        assertThat(paper.get("truncated").asBoolean()).isEqualTo(paper.get("tokens").asInt() > 256);
    }

    @Test
    void most_seed_abstracts_are_longer_than_the_token_budget_and_say_so() {
        JsonNode results = search("learning", 100).json().get("results");
        int truncated = 0;
        for (JsonNode hit : results) {
            JsonNode paper = http.get("/api/papers/" + hit.get("id").asText()).json();
            if (paper.get("truncated").asBoolean()) {
                truncated++;
                assertThat(paper.get("tokens_embedded").asInt()).isEqualTo(256);
                assertThat(paper.get("tokens").asInt()).isGreaterThan(256);
            } else {
                assertThat(paper.get("tokens_embedded").asInt()).isEqualTo(paper.get("tokens").asInt());
            }
        }
        assertThat(truncated).isGreaterThan(50);
    }

    @Test
    void min_score_keeps_only_results_at_or_above_it() {
        JsonNode results = http.get("/api/papers/pointer-networks/similar?k=100&min_score=0.5").json().get("results");
        assertThat(results).isNotEmpty().hasSizeLessThan(100)
                .allSatisfy(r -> assertThat(r.get("score").asDouble()).isGreaterThanOrEqualTo(0.5));
    }

    @Test
    void every_listed_error_is_a_json_problem_from_the_real_server() {
        String longQuery = "x".repeat(4097);
        for (String url : List.of("/api/search", "/api/search?q=%20", "/api/search?q=" + longQuery,
                "/api/search?q=x&k=ten", "/api/search?q=x&k=0", "/api/search?q=x&k=101",
                "/api/search?q=x&min_score=high", "/api/search?q=x&mode=bm25", "/api/search?q=x&min_score=0.5",
                "/api/search?q=x&mode=lexical&min_score=0.5", "/api/papers/pointer-networks/similar?k=1000")) {
            var reply = http.get(url);
            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat(reply.contentType()).as(url).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").asText()).as(url).isNotBlank();
        }
        for (String url : List.of("/api/papers/not-a-paper", "/api/papers/not-a-paper/similar", "/api/nope")) {
            var reply = http.get(url);
            assertThat(reply.status()).as(url).isEqualTo(404);
            assertThat(reply.contentType()).as(url).startsWith("application/problem+json");
        }
    }

    @Test
    void a_restart_with_the_same_corpus_and_model_reads_vectors_from_the_cache() {
        try (App restarted = App.build(settings)) {
            assertThat(restarted.encodedAtStart()).isZero();
            assertThat(titles(new TestHttp(restarted.server()).getAndClose(
                    "/api/search?q=" + URLEncoder.encode("pointer networks convex hull", StandardCharsets.UTF_8))))
                    .contains("Pointer Networks");
        }
        assertThat(app.encodedAtStart()).isEqualTo(772);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"README.md, 4", "docs/API.md, 16"})
    void every_curl_example_in_the_docs_shows_what_the_server_answers(String file, int examplesAtLeast)
            throws Exception {
        List<ReadmeExamples.Example> examples = ReadmeExamples.read(Path.of(file));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(examplesAtLeast);
        for (ReadmeExamples.Example example : examples) {
            JsonNode actual = example.send(http).json();
            ReadmeExamples.assertSameJson(file + " " + example.pathAndQuery(), example.expected(), actual);
        }
    }

    /** A search in the configured default mode. */
    private static TestHttp.Reply search(String q, int k) {
        return http.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&k=" + k);
    }

    private static TestHttp.Reply search(String q, int k, String mode) {
        return http.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&k=" + k + "&mode=" + mode);
    }

    private static List<String> titles(JsonNode json) {
        var titles = new ArrayList<String>();
        json.get("results").forEach(r -> titles.add(r.get("title").asText()));
        return titles;
    }
}
