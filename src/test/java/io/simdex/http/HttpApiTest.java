package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.FakeEncoder;
import io.simdex.config.SettingsLoader;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Source;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.SearchService;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The HTTP layer over a small corpus and a deterministic fake encoder: shapes, limits and every error. */
class HttpApiTest {

    private static final int MAX_K = 5;
    private static final int MAX_QUERY_CHARS = 50;
    private static final FakeEncoder ENCODER = new FakeEncoder(8);
    private static IndexedCorpus indexed;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        var papers = TopicPapers.papers(topic -> "We study " + topic + " and report results on " + topic
                + " benchmarks.", i -> List.of(new Source("page.txt", 1 + 2 * i), new Source("other.txt", 5)));
        indexed = CorpusIndexer.index(new Corpus(papers, List.of()), ENCODER);
        http = new TestHttp(HttpApi.create(new SearchService(indexed, ENCODER), new DuplicateService(indexed, ENCODER),
                new HttpOptions(MAX_K, MAX_QUERY_CHARS)));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void search_returns_ranked_results_best_first_with_the_query_echoed() {
        var reply = http.get("/api/search?q=protein+folding&k=3");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("query").asText()).isEqualTo("protein folding");
        assertThat(reply.json().get("k").asInt()).isEqualTo(3);
        assertThat(reply.json().get("took_ms").isIntegralNumber()).isTrue();
        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("id").asText()).isEqualTo("paper-1");
        assertThat(results.get(0).get("title").asText()).isEqualTo("Advances in protein folding");
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get("rank").asInt()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(results.get(i).get("score").asDouble())
                        .isLessThanOrEqualTo(results.get(i - 1).get("score").asDouble());
            }
        }
    }

    @Test
    void k_defaults_to_the_smaller_of_ten_and_max_k() {
        var reply = http.get("/api/search?q=models");
        assertThat(reply.json().get("k").asInt()).isEqualTo(MAX_K);
        assertThat(reply.json().get("results")).hasSize(MAX_K);
    }

    @Test
    void min_score_drops_weaker_results() {
        var all = http.get("/api/search?q=protein+folding&k=5&mode=vector").json().get("results");
        double cut = (all.get(0).get("score").asDouble() + all.get(1).get("score").asDouble()) / 2;
        var reply = http.get("/api/search?q=protein+folding&k=5&mode=vector&min_score=" + cut);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results")).hasSize(1)
                .allSatisfy(r -> assertThat(r.get("score").asDouble()).isGreaterThanOrEqualTo(cut));
    }

    @Test
    void lexical_search_ranks_by_bm25_and_says_so() {
        var reply = http.get("/api/search?q=protein+folding&k=5&mode=lexical");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("mode").asText()).isEqualTo("lexical");
        assertThat(reply.json().get("query").asText()).isEqualTo("protein folding");
        JsonNode results = reply.json().get("results");
        assertThat(results.findValuesAsText("id")).containsExactly("paper-1"); // no other paper has either word
        assertThat(results.get(0).get("score").asDouble()).isGreaterThan(0);
        assertThat(results.get(0).get("rank").asInt()).isEqualTo(1);
    }

    @Test
    void a_lexical_query_of_stop_words_finds_nothing() {
        var reply = http.get("/api/search?q=the+of+and&mode=lexical");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results")).isEmpty();
    }

    @Test
    void hybrid_search_fuses_both_rankings_and_says_so() {
        var reply = http.get("/api/search?q=protein+folding&k=5&mode=hybrid");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("mode").asText()).isEqualTo("hybrid");
        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(5);
        // first by meaning and by words, both query words matched: the whole of the cosine and the BM25 part
        assertThat(results.get(0).get("id").asText()).isEqualTo("paper-1");
        assertThat(results.get(0).get("score").asDouble()).isCloseTo(1.0, within(1e-6));
        assertThat(results.get(1).get("score").asDouble()).isLessThan(1.0);
    }

    @Test
    void hybrid_is_the_default_mode_and_every_answer_names_its_mode() {
        var plain = http.get("/api/search?q=protein+folding&k=3").json();
        var hybrid = http.get("/api/search?q=protein+folding&k=3&mode=hybrid").json();
        var vector = http.get("/api/search?q=protein+folding&k=3&mode=Vector").json();

        assertThat(plain.get("mode").asText()).isEqualTo("hybrid");
        assertThat(plain.get("results")).isEqualTo(hybrid.get("results"));
        assertThat(vector.get("mode").asText()).isEqualTo("vector");
        assertThat(vector.get("results")).isNotEqualTo(plain.get("results"));
    }

    @Test
    void search_mode_vector_in_the_settings_makes_vector_the_default() {
        var settings = SettingsLoader.load(null, Map.of(), Map.of("search.mode", "vector"));
        var service = new SearchService(indexed, ENCODER, settings.search());
        try (var vectorByDefault = new TestHttp(HttpApi.create(service, new DuplicateService(indexed, ENCODER),
                new HttpOptions(MAX_K, MAX_QUERY_CHARS)))) {
            var plain = vectorByDefault.get("/api/search?q=protein+folding&k=3&min_score=-0.5");

            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.json().get("mode").asText()).isEqualTo("vector");
            assertThat(plain.json().get("results"))
                    .isEqualTo(http.get("/api/search?q=protein+folding&k=3&mode=vector").json().get("results"));
            assertThat(vectorByDefault.get("/api/search?q=x&mode=hybrid&min_score=0.5").json().get("detail").asText())
                    .doesNotContain("default");
        }
    }

    @Test
    void min_score_under_the_hybrid_default_is_a_400_that_says_to_add_mode_vector() {
        var reply = http.get("/api/search?q=protein+folding&min_score=0.5");

        reply.assertProblem(400);
        assertThat(reply.json().get("parameter").asText()).isEqualTo("min_score");
        assertThat(reply.json().get("detail").asText())
                .isEqualTo("'min_score' bounds a cosine, and only mode=vector scores by cosine; mode=hybrid (the "
                        + "default when no mode is given) answers with fused scores, which are not cosines. "
                        + "Add mode=vector to the query to bound cosines, or drop 'min_score'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lexical", "hybrid", "vector"})
    void exclude_and_explain_work_in_every_mode(String mode) {
        var reply = http.get("/api/search?q=protein+folding+benchmarks&k=3&exclude=paper-1&explain=true&mode=" + mode);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertThat(results).isNotEmpty();
        assertThat(results.findValuesAsText("id")).doesNotContain("paper-1");
        results.forEach(r -> assertThat(r.get("explanation").get("match_sentence").asText()).isNotBlank());
    }

    @Test
    void similar_never_returns_the_paper_itself() {
        for (int i = 0; i < 7; i++) {
            var reply = http.get("/api/papers/paper-" + i + "/similar?k=5");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("id").asText()).isEqualTo("paper-" + i);
            assertThat(reply.json().get("results")).hasSize(5);
            assertThat(reply.json().get("results").findValuesAsText("id")).doesNotContain("paper-" + i);
        }
    }

    @Test
    void paper_returns_text_sources_and_token_counts() {
        var reply = http.get("/api/papers/paper-2");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode p = reply.json();
        assertThat(p.get("title").asText()).isEqualTo("Advances in speech recognition");
        assertThat(p.get("abstract").asText()).startsWith("We study speech recognition");
        assertThat(p.get("sources")).hasSize(2);
        assertThat(p.get("sources").get(0).get("file").asText()).isEqualTo("page.txt");
        assertThat(p.get("sources").get(1).get("line").asInt()).isEqualTo(5);
        // the fake model's budget is 8 tokens, and every text here is longer
        assertThat(p.get("tokens").asInt()).isGreaterThan(8);
        assertThat(p.get("tokens_embedded").asInt()).isEqualTo(8);
        assertThat(p.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void health_reports_the_corpus_and_model() {
        var reply = http.get("/health");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ok");
        assertThat(reply.json().get("papers").asInt()).isEqualTo(7);
        assertThat(reply.json().get("model").asText()).isEqualTo("fake");
        assertThat(reply.json().get("dimension").asInt()).isEqualTo(FakeEncoder.DIMENSION);
    }

    @Test
    void a_query_at_the_length_limit_is_accepted() {
        assertThat(http.get("/api/search?q=" + "a".repeat(MAX_QUERY_CHARS)).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/search                          | q         | missing",
        "/api/search?q=                       | q         | blank",
        "/api/search?q=%20%20%20              | q         | blank",
        "/api/search?q=x&k=abc                | k         | whole number from 1 to 5",
        "/api/search?q=x&k=0                  | k         | whole number from 1 to 5",
        "/api/search?q=x&k=6                  | k         | whole number from 1 to 5",
        "/api/search?q=x&k=2.5                | k         | whole number from 1 to 5",
        "/api/search?q=x&k=                   | k         | whole number from 1 to 5",
        "/api/search?q=x&k=99999999999        | k         | whole number from 1 to 5",
        "/api/search?q=x&min_score=abc        | min_score | number from -1.0 to 1.0",
        "/api/search?q=x&min_score=1.5        | min_score | number from -1.0 to 1.0",
        "/api/search?q=x&min_score=NaN        | min_score | number from -1.0 to 1.0",
        "/api/search?q=x&min_score=-Infinity  | min_score | number from -1.0 to 1.0",
        "/api/papers/paper-1/similar?k=-1     | k         | whole number from 1 to 5",
        "/api/papers/paper-1/similar?min_score=x | min_score | number from -1.0 to 1.0",
        "/api/search?q=x&mode=bm25             | mode      | one of vector, lexical, hybrid, got 'bm25'",
        "/api/search?q=x&mode=                 | mode      | one of vector, lexical, hybrid",
        "/api/search?q=x&mode=lexical&min_score=0.5 | min_score | mode=lexical answers with BM25 scores",
        "/api/search?q=x&mode=hybrid&max_score=0.9  | max_score | mode=hybrid (the default when no mode is given)",
        "/api/search?q=x&max_score=0.9              | max_score | Add mode=vector to the query",
    })
    void bad_parameters_get_a_400_problem_that_names_the_parameter(String url, String parameter, String hint) {
        var reply = http.get(url);
        reply.assertProblem(400);
        assertThat(reply.json().get("parameter").asText()).isEqualTo(parameter);
        assertThat(reply.json().get("detail").asText()).contains("'" + parameter + "'").contains(hint);
    }

    @Test
    void a_query_with_broken_percent_encoding_gets_a_400_that_says_so() {
        var reply = http.rawGet("/api/search?q=%zz");
        reply.assertProblem(400);
        assertThat(reply.json().get("detail").asText()).contains("percent-encoded");
    }

    @Test
    void requests_the_server_cannot_parse_still_get_a_json_problem() {
        var tooLong = http.rawGet("/api/search?q=" + "a".repeat(70_000));
        tooLong.assertProblem(414);
        assertThat(tooLong.json().get("detail").asText()).contains(Integer.toString(MAX_QUERY_CHARS));

        var malformed = http.rawGet("/api/search?q=two words");
        malformed.assertProblem(400);
        assertThat(malformed.json().get("detail").asText()).contains("percent-encode");
    }

    @Test
    void an_overlong_query_gets_a_400_that_states_the_limit() {
        String q = URLEncoder.encode("é".repeat(MAX_QUERY_CHARS + 1), StandardCharsets.UTF_8);
        var reply = http.get("/api/search?q=" + q);
        reply.assertProblem(400);
        assertThat(reply.json().get("detail").asText()).contains(Integer.toString(MAX_QUERY_CHARS + 1))
                .contains("limit is " + MAX_QUERY_CHARS);
    }

    @Test
    void an_unknown_paper_is_a_404_problem_on_both_paper_routes() {
        for (String url : List.of("/api/papers/no-such-paper", "/api/papers/no-such-paper/similar")) {
            var reply = http.get(url);
            reply.assertProblem(404);
            assertThat(reply.json().get("detail").asText()).contains("no-such-paper");
        }
    }

    @Test
    void a_read_only_api_turns_every_write_away_with_a_403_that_says_how_to_open_writes() {
        for (var reply : List.of(http.send("PUT", "/api/papers/paper-1"), http.send("DELETE", "/api/papers/paper-1"),
                http.send("POST", "/api/papers/_bulk"), http.send("POST", "/api/snapshots"))) {
            reply.assertProblem(403);
            assertThat(reply.json().get("detail").asText()).contains("SIMDEX_API_KEY");
        }
    }

    @Test
    void an_unknown_query_parameter_is_named_with_the_accepted_ones() {
        var limit = http.get("/api/search?q=protein&limit=5");
        var topK = http.get("/api/papers/paper-1/similar?top_k=5");
        var health = http.get("/health?verbose=true");

        limit.assertProblem(400);
        assertThat(limit.json().get("parameter").asText()).isEqualTo("limit");
        assertThat(limit.json().get("detail").asText()).contains("unknown query parameter 'limit'", "k, max_score");
        topK.assertProblem(400);
        health.assertProblem(400);
        assertThat(health.json().get("detail").asText()).contains("takes none");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "trailing content|{\"text\": \"protein folding\"} {\"k\": 3}|400|more than one JSON value",
            "a repeated key|{\"text\": \"a\", \"text\": \"b\"}|400|a key appears twice",
            "a body cut short|{\"text\": \"protein|400|ends before the value is complete",
            "single quotes|{'text': 'protein'}|400|strings need double quotes",
            "a number of 200 digits|{\"text\": \"protein\", \"k\": 1`REPEAT`}|413|a number longer than 100",
            "a key of 300 characters|{\"`KEY`\": 1}|413|a key longer than 256"})
    void bodies_are_read_strictly_and_every_failure_is_told_in_our_words(String what, String body, int status,
            String detail) {
        String sent = body.replace("`REPEAT`", "0".repeat(199)).replace("`KEY`", "k".repeat(300));

        var reply = http.post("/api/similar", sent);

        reply.assertProblem(status);
        assertThat(reply.json().get("detail").asText()).as(what).contains(detail)
                .doesNotContain("Feature", "StreamReadConstraints", "jackson", "Jackson", "com.fasterxml");
    }

    @Test
    void nesting_past_the_limit_is_a_413() {
        var reply = http.post("/api/similar", "{\"text\": " + "[".repeat(100) + "]".repeat(100) + "}");

        reply.assertProblem(413);
        assertThat(reply.json().get("detail").asText()).contains("nested more than 64 deep");
    }

    @Test
    void a_body_that_is_not_json_by_its_content_type_is_a_415() {
        var reply = http.send("POST", "/api/similar", "{\"text\": \"protein\"}", "Content-Type", "text/plain");

        reply.assertProblem(415);
        assertThat(reply.json().get("detail").asText()).contains("Content-Type: application/json");
    }

    @Test
    void broken_percent_encoding_in_a_path_is_a_400_not_a_failure() {
        var reply = http.rawGet("/api/papers/%u002e");

        reply.assertProblem(400);
        assertThat(reply.json().get("detail").asText()).contains("the path is not valid percent-encoding");
    }

    @Test
    void a_query_that_is_not_utf8_is_a_400_and_a_sent_replacement_character_is_text() {
        var bad = http.rawGet("/api/search?q=%ff%fe");
        var sent = http.rawGet("/api/search?q=%EF%BF%BD+protein");

        bad.assertProblem(400);
        assertThat(bad.json().get("detail").asText()).contains("not valid percent-encoded UTF-8");
        assertThat(sent.status()).isEqualTo(200);
    }

    @Test
    void a_charset_other_than_utf8_is_a_415() {
        var unknown = http.send("POST", "/api/similar", "{\"text\": \"protein\"}", "Content-Type",
                "application/json; charset=foo");
        var latin1 = http.send("POST", "/api/similar", "{\"text\": \"protein\"}", "Content-Type",
                "application/json; charset=ISO-8859-1");
        var utf8 = http.send("POST", "/api/similar", "{\"text\": \"protein\"}", "Content-Type",
                "application/json; charset=UTF-8");

        unknown.assertProblem(415);
        assertThat(unknown.json().get("detail").asText()).contains("charset 'foo'");
        latin1.assertProblem(415);
        assertThat(utf8.status()).isEqualTo(200);
    }

    @Test
    void a_request_on_loopback_for_another_host_name_is_refused() {
        var rebound = http.raw("GET /health HTTP/1.1\r\nHost: attacker.example:7070\r\nConnection: close\r\n\r\n");
        var local = http.raw("GET /health HTTP/1.1\r\nHost: localhost:7070\r\nConnection: close\r\n\r\n");

        rebound.assertProblem(400);
        assertThat(rebound.json().get("detail").asText()).contains("address it as 127.0.0.1, localhost or [::1]");
        assertThat(local.status()).isEqualTo(200);
    }

    @Test
    void pages_of_the_origins_in_api_cors_origins_may_call_the_api_and_see_the_answers() {
        var allowed = new HttpOptions(MAX_K, MAX_QUERY_CHARS).withCorsOrigins(List.of("https://lab.example.org"));
        try (var cors = new TestHttp(HttpApi.create(new SearchService(indexed, ENCODER),
                new DuplicateService(indexed, ENCODER), allowed))) {
            String body = "{\"text\": \"protein folding\"}";
            var post = cors.send("POST", "/api/similar", body, "Origin", "https://lab.example.org");
            var preflight = cors.send("OPTIONS", "/api/similar", null, "Origin", "https://lab.example.org",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
            var other = cors.send("POST", "/api/similar", body, "Origin", "https://other.example.org");
            var otherRead = cors.send("GET", "/api/search?q=protein", null, "Origin", "https://other.example.org");

            assertThat(post.status()).isEqualTo(200);
            assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://lab.example.org");
            assertThat(post.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                    .hasValueSatisfying(v -> assertThat(v).contains("POST"));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                    .hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("content-type"));
            other.assertProblem(403);
            assertThat(otherRead.status()).isEqualTo(200);
            assertThat(otherRead.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        // and with none listed, as by default, no page gets the CORS headers
        var read = http.send("GET", "/api/search?q=protein", null, "Origin", "https://lab.example.org");
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void a_post_from_a_page_of_another_origin_is_refused_and_one_from_our_own_is_not() {
        String body = "{\"text\": \"protein folding\"}";
        var crossSite = http.send("POST", "/api/similar", body, "Origin", "https://attacker.example");
        var ownOrigin = http.raw("POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1:7070\r\nOrigin:"
                + " http://127.0.0.1:7070\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        var read = http.send("GET", "/api/search?q=protein", null, "Origin", "https://attacker.example");

        crossSite.assertProblem(403);
        assertThat(crossSite.json().get("detail").asText()).contains("may only read");
        assertThat(ownOrigin.status()).isEqualTo(200);
        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void head_answers_as_get_does_without_a_body_and_options_lists_the_methods() {
        var known = http.send("HEAD", "/api/papers/paper-1");
        var unknown = http.send("HEAD", "/api/papers/no-such-paper");
        var options = http.send("OPTIONS", "/api/papers/paper-1");

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.contentType()).startsWith("application/json");
        assertThat(known.body()).isEmpty();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS, PUT, DELETE");
    }

    @Test
    void offset_pages_through_one_ranking_keeping_its_ranks() {
        var all = http.get("/api/search?q=protein+folding+graph+speech&mode=vector&k=5").json().get("results");
        var second = http.get("/api/search?q=protein+folding+graph+speech&mode=vector&k=2&offset=3").json();
        var similarAll = http.get("/api/papers/paper-1/similar?k=4").json().get("results");
        var similarPage = http.get("/api/papers/paper-1/similar?k=2&offset=2").json();

        assertThat(second.get("offset").asInt()).isEqualTo(3);
        assertThat(second.get("results").findValuesAsText("id"))
                .containsExactlyElementsOf(all.findValuesAsText("id").subList(3, 5));
        assertThat(second.get("results").get(0).get("rank").asInt()).isEqualTo(4);
        assertThat(similarPage.get("results").findValuesAsText("id"))
                .containsExactlyElementsOf(similarAll.findValuesAsText("id").subList(2, 4));
        assertThat(http.get("/api/search?q=protein&k=3").json().has("offset")).isFalse();
        http.get("/api/search?q=protein&k=5&offset=" + (MAX_K * 10)).assertProblem(400);
        http.get("/api/search?q=protein&k=5&offset=-1").assertProblem(400);
        http.get("/api/search?q=protein&k=5&offset=46").assertProblem(400); // past 10 pages of api.max-k
        assertThat(http.get("/api/search?q=protein&k=5&offset=45").status()).isEqualTo(200);
        http.get("/api/search?q=protein&k=5&offset=1&explain=true").assertProblem(400); // explain: one page only
    }

    @Test
    void offset_pages_the_post_searches_too() {
        var all = http.post("/api/similar", "{\"text\": \"protein folding\", \"k\": 4}").json().get("results");
        var page = http.post("/api/similar", "{\"text\": \"protein folding\", \"k\": 2, \"offset\": 2}").json();
        var recommendAll = http.post("/api/recommend", "{\"positive\": [\"paper-1\"], \"k\": 4}").json();
        var recommendPage = http.post("/api/recommend", "{\"positive\": [\"paper-1\"], \"k\": 2, \"offset\": 2}")
                .json();

        assertThat(page.get("offset").asInt()).isEqualTo(2);
        assertThat(page.get("results").findValuesAsText("id"))
                .containsExactlyElementsOf(all.findValuesAsText("id").subList(2, 4));
        assertThat(page.get("results").get(0).get("rank").asInt()).isEqualTo(3);
        assertThat(recommendPage.get("results").findValuesAsText("id"))
                .containsExactlyElementsOf(recommendAll.get("results").findValuesAsText("id").subList(2, 4));
        http.post("/api/similar", "{\"text\": \"protein\", \"offset\": -1}").assertProblem(400);
        http.post("/api/recommend", "{\"positive\": [\"paper-1\"], \"offset\": \"2\"}").assertProblem(400);
    }

    @Test
    void a_batch_answers_each_query_as_get_search_would() {
        var batch = http.post("/api/search/_batch", "{\"queries\": [{\"q\": \"protein folding\", \"k\": 3},"
                + " {\"q\": \"speech\", \"mode\": \"vector\", \"k\": 2, \"offset\": 1}]}");
        var first = http.get("/api/search?q=protein+folding&k=3").json();
        var second = http.get("/api/search?q=speech&mode=vector&k=2&offset=1").json();

        assertThat(batch.status()).isEqualTo(200);
        var answers = batch.json().get("answers");
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).get("results")).isEqualTo(first.get("results"));
        assertThat(answers.get(0).get("mode").asText()).isEqualTo("hybrid");
        assertThat(answers.get(1).get("results")).isEqualTo(second.get("results"));
        assertThat(answers.get(1).get("offset").asInt()).isEqualTo(1);
    }

    @Test
    void a_batch_with_a_bad_query_is_refused_naming_its_place() {
        var badK = http.post("/api/search/_batch", "{\"queries\": [{\"q\": \"protein\"}, {\"q\": \"x\", \"k\": 0}]}");
        var unknownField = http.post("/api/search/_batch", "{\"queries\": [{\"q\": \"protein\", \"top_k\": 3}]}");
        var empty = http.post("/api/search/_batch", "{\"queries\": []}");
        var noQ = http.post("/api/search/_batch", "{\"queries\": [{\"k\": 3}]}");
        var tooMany = http.post("/api/search/_batch", "{\"queries\": ["
                + String.join(",", java.util.Collections.nCopies(ApiRoutes.MAX_BATCH_QUERIES + 1, "{\"q\": \"x\"}"))
                + "]}");

        for (var reply : List.of(badK, unknownField, empty, noQ, tooMany)) {
            reply.assertProblem(400);
        }
        assertThat(badK.json().get("detail").asText()).startsWith("queries[1]: ").contains("'k'");
        assertThat(unknownField.json().get("detail").asText()).contains("queries[0]").contains("top_k");
        assertThat(tooMany.json().get("detail").asText()).contains("split");
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        for (var reply : List.of(http.get("/api/nothing-here"), http.get("/api"), http.send("POST", "/api/search?q=x"),
                http.send("PATCH", "/api/papers/paper-1"))) {
            reply.assertProblem(404);
            assertThat(reply.json().get("detail").asText()).contains("no route");
        }
    }
}
