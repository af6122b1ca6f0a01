package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.FakeEncoder;
import io.simdex.MeteredEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Source;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.SearchService;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /metrics}, {@code X-Request-ID} and the access log, over the fake encoder. */
class ObservabilityTest {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final List<String> ACCESS_LOG = new CopyOnWriteArrayList<>();
    private static HttpMetrics metrics;
    private static SearchService search;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        var papers = TopicPapers.papers(topic -> "We study " + topic + " and report results on " + topic + ".",
                i -> List.of(new Source("page.txt", 1)));
        var fake = new FakeEncoder(64);
        IndexedCorpus indexed = CorpusIndexer.index(new Corpus(papers, List.of()), fake);
        metrics = HttpMetrics.create();
        var encoder = new MeteredEncoder(fake, metrics.registry());
        search = new SearchService(indexed, encoder);
        var slot = ServiceSlot.of(new ServiceSlot.Services(search, new DuplicateService(indexed, encoder), null));
        http = new TestHttp(HttpApi.create(slot, false, new HttpOptions(5, 100), 10, metrics,
                AccessLog.to(ACCESS_LOG::add)));
    }

    @AfterAll
    static void stop() {
        http.close();
        metrics.close();
    }

    @Test
    void metrics_are_prometheus_text_that_counts_requests_by_route_pattern_not_by_path() {
        assertThat(http.get("/api/papers/paper-3/similar?k=2").status()).isEqualTo(200);

        var reply = http.get("/metrics");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(reply.body()).contains("# TYPE http_server_requests_seconds histogram")
                .contains("http_server_requests_seconds_count{method=\"GET\",status=\"200\","
                        + "uri=\"/api/papers/{id}/similar\"}")
                .contains("http_server_requests_seconds_sum{method=\"GET\",status=\"200\","
                        + "uri=\"/api/papers/{id}/similar\"}")
                .contains("http_server_requests_seconds_bucket{method=\"GET\",status=\"200\","
                        + "uri=\"/api/papers/{id}/similar\",le=\"0.1\"}")
                .doesNotContain("paper-3");
    }

    @Test
    void paths_no_route_has_share_one_series() {
        http.get("/wp-admin/scan-1a2b3c");
        http.get("/.env-4d5e6f");

        String body = http.get("/metrics").body();

        assertThat(body).contains("http_server_requests_seconds_count{method=\"GET\",status=\"404\",uri=\"NOT_FOUND\"}")
                .doesNotContain("scan-1a2b3c").doesNotContain("4d5e6f");
    }

    @Test
    void the_encoder_meters_count_each_call_and_its_texts() {
        double queries = value("simdex_encode_seconds_count{kind=\"query\"}");
        double queryTexts = value("simdex_encode_texts_sum{kind=\"query\"}");
        double documents = value("simdex_encode_seconds_count{kind=\"document\"}");

        assertThat(http.get("/api/search?q=protein+folding&mode=vector").status()).isEqualTo(200);
        assertThat(http.post("/api/similar", "{\"text\": \"speech recognition results\"}").status()).isEqualTo(200);

        assertThat(value("simdex_encode_seconds_count{kind=\"query\"}")).isEqualTo(queries + 1);
        assertThat(value("simdex_encode_texts_sum{kind=\"query\"}")).isEqualTo(queryTexts + 1);
        assertThat(value("simdex_encode_seconds_count{kind=\"document\"}")).isEqualTo(documents + 1);
        assertThat(value("simdex_encode_seconds_sum{kind=\"query\"}")).isPositive();
    }

    @Test
    void the_index_size_gauge_is_the_paper_count() {
        assertThat(value("simdex_index_papers")).isEqualTo(search.paperCount())
                .isEqualTo(TopicPapers.TOPICS.size());
    }

    @Test
    void the_jvm_meters_are_there() {
        assertThat(http.get("/metrics").body()).contains("jvm_memory_used_bytes{").contains("jvm_gc_")
                .contains("jvm_threads_live_threads ").contains("process_uptime_seconds ")
                .contains("system_cpu_count ").contains("jvm_classes_loaded_classes ");
    }

    @Test
    void metrics_take_no_query_parameters_and_answer_head_and_options() {
        http.get("/metrics?format=json").assertProblem(400);

        var head = http.send("HEAD", "/metrics");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        var options = http.send("OPTIONS", "/metrics");
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void metrics_answer_while_the_service_is_loading() {
        HttpApi.Starting starting = HttpApi.starting(new HttpOptions(10, 100), 10, false);
        try (var loading = new TestHttp(starting.javalin())) {
            assertThat(loading.get("/api/search?q=x").status()).isEqualTo(503);

            var reply = loading.get("/metrics");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).contains("simdex_index_papers NaN").contains("jvm_memory_used_bytes{")
                    .contains("uri=\"/api/search\"");
        }
    }

    @Test
    void a_sane_request_id_is_echoed() {
        var reply = http.send("GET", "/health", null, "X-Request-ID", "client-42.a_b:c");

        assertThat(reply.headers().firstValue("X-Request-ID")).hasValue("client-42.a_b:c");
    }

    @Test
    void a_request_without_an_id_gets_a_new_one() {
        var first = http.get("/health").headers().firstValue("X-Request-ID").orElseThrow();
        var second = http.get("/health").headers().firstValue("X-Request-ID").orElseThrow();

        assertThat(first).matches(UUID);
        assertThat(second).matches(UUID).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has spaces", "quote\"d", "semi;colon", "é", ""})
    void an_insane_request_id_is_replaced(String sent) {
        var reply = http.send("GET", "/health", null, "X-Request-ID", sent);

        assertThat(reply.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).matches(UUID));
    }

    @Test
    void a_request_id_over_128_characters_is_replaced() {
        var reply = http.send("GET", "/health", null, "X-Request-ID", "x".repeat(129));

        assertThat(reply.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).matches(UUID));
        assertThat(RequestId.choose("x".repeat(128))).isEqualTo("x".repeat(128));
    }

    @Test
    void problems_and_404s_carry_the_request_id_in_header_and_body() {
        var missing = http.send("GET", "/no/such/route", null, "X-Request-ID", "trace-404");
        var bad = http.send("GET", "/api/search?q=x&k=0", null, "X-Request-ID", "trace-400");
        var unknown = http.get("/api/papers/no-such-paper");

        missing.assertProblem(404);
        assertThat(missing.headers().firstValue("X-Request-ID")).hasValue("trace-404");
        assertThat(missing.json().get("request_id").asText()).isEqualTo("trace-404");
        bad.assertProblem(400);
        assertThat(bad.json().get("request_id").asText()).isEqualTo("trace-400");
        unknown.assertProblem(404);
        assertThat(unknown.json().get("request_id").asText())
                .isEqualTo(unknown.headers().firstValue("X-Request-ID").orElseThrow()).matches(UUID);
    }

    @Test
    void requests_jetty_refuses_before_routing_carry_a_request_id_too() {
        var reply = http.rawGet("/api/search?q=" + "x".repeat(70_000));

        assertThat(reply.status()).isIn(414, 431);
        assertThat(reply.json().get("request_id").asText()).matches(UUID);
    }

    @Test
    void each_request_gets_an_access_log_line_without_its_query_string() {
        var reply = http.send("GET", "/api/search?q=secret+research+idea&k=2", null, "X-Request-ID", "log-1");
        http.send("GET", "/nowhere", null, "X-Request-ID", "log-2");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(line("request_id=log-1")).startsWith("GET /api/search path=/api/search status=200 ms=")
                .containsPattern(" bytes=[1-9][0-9]* ").doesNotContain("secret").doesNotContain("q=");
        assertThat(line("request_id=log-2")).startsWith("GET NOT_FOUND path=/nowhere status=404 ");
    }

    @Test
    void a_log_line_cannot_be_forged_through_the_path() {
        var answered = new AnsweredRequest("GET", AnsweredRequest.NOT_FOUND, "/a b\"c\\d\nstatus=200é", 404, 1.25,
                -1, "id-1");

        assertThat(AccessLog.line(answered)).isEqualTo(
                "GET NOT_FOUND path=/a%20b%22c%5Cd%0Astatus=200%C3%A9 status=404 ms=1.3 bytes=- request_id=id-1");
    }

    @Test
    void a_long_path_is_cut_in_the_log() {
        var answered = new AnsweredRequest("GET", AnsweredRequest.NOT_FOUND, "/" + "a".repeat(2000), 404, 0, 10,
                "id-2");

        assertThat(AccessLog.line(answered)).contains("/" + "a".repeat(511) + "... status=404").hasSizeLessThan(600);
    }

    /** The access log line of the one request that carried {@code requestId}. */
    private static String line(String requestId) {
        List<String> lines = ACCESS_LOG.stream().filter(l -> l.endsWith(" " + requestId)).toList();
        assertThat(lines).as(ACCESS_LOG.toString()).hasSize(1);
        return lines.get(0);
    }

    /** The value of one series in {@code GET /metrics}, e.g. {@code simdex_index_papers}. */
    private static double value(String series) {
        String body = http.get("/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        assertThat(m.find()).as(series + " in\n" + body).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
