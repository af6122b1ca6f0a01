package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.simdex.BundledPapers;
import io.simdex.FakeEncoder;
import io.simdex.corpus.Paper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers agree with the OpenAPI document: those the README and docs/API.md show, those a server over the bundled
 * papers (and the fake encoder) gives to the same requests, and one of every kind of answer and problem.
 */
class OpenApiAnswersTest {

    private static final String[] AUTH = WritableApi.AUTH;
    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fenced block of a Markdown file: its language and its text. */
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)\\n```", Pattern.DOTALL);
    /** A heading that names an operation: {@code ### `POST /api/papers/_bulk`: …}. */
    private static final Pattern OPERATION_HEADING = Pattern.compile("(?m)^#+ `(GET|POST|PUT|DELETE) ([^`?\\s]+)");
    private static final Pattern URL = Pattern.compile("'http://127\\.0\\.0\\.1:7070(/[^']*)'");
    private static final Pattern METHOD = Pattern.compile("-X (\\w+)");
    private static final Pattern BODY = Pattern.compile("-d '([^']*)'");

    /**
     * A JSON answer a doc shows, and the request it answers: the curl command just before it, or else the
     * operation its section's heading names (then {@code fromCurl} is false and there is no request to send).
     */
    record Shown(String where, String method, String pathAndQuery, String body, boolean withKey, String answer,
                 boolean fromCurl) {

        String path() {
            return pathAndQuery.split("\\?", 2)[0];
        }
    }

    @TempDir
    static Path dir;

    private static WritableApi api;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        api = WritableApi.start(dir, papers());
        http = api.http();
    }

    /** Some of the bundled papers, with every one the docs' examples name: enough for answers of every shape. */
    private static List<Paper> papers() {
        var papers = new java.util.LinkedHashMap<String, Paper>();
        BundledPapers.all().stream().limit(40).forEach(paper -> papers.put(paper.id(), paper));
        for (String id : List.of("pointer-networks", "adam-a-method-for-stochastic-optimization",
                "online-estimation-of-sat-solving-runtime", "online-search-cost-estimation-for-sat-solvers")) {
            papers.put(id, BundledPapers.byId(id));
        }
        return List.copyOf(papers.values());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest
    @CsvSource({"README.md, 4", "docs/API.md, 17"})
    void every_answer_the_docs_show_matches_the_document(String file, int answersAtLeast) throws IOException {
        List<Shown> shown = shown(Path.of(file));

        assertThat(shown).hasSizeGreaterThanOrEqualTo(answersAtLeast);
        for (Shown answer : shown) {
            var operation = DOCUMENT.operation(answer.method(), answer.path());
            assertThat(operation).as(answer.where() + " is a documented operation").isPresent();
            JsonNode json = JSON.readTree(answer.answer());
            if (json.path("type").asText().startsWith("/problems/")) {
                assertThat(DOCUMENT.check(operation.get(), json.get("status").asInt(), Problems.CONTENT_TYPE,
                        answer.answer())).as(answer.where()).isEmpty();
            } else {
                assertThat(matchesSomeSuccess(operation.get(), answer.answer())).as(answer.where()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"README.md, 4", "docs/API.md, 16"})
    void the_docs_requests_get_answers_as_the_document_says(String file, int requestsAtLeast) throws IOException {
        List<Shown> requests = shown(Path.of(file)).stream().filter(Shown::fromCurl).toList();

        assertThat(requests).hasSizeGreaterThanOrEqualTo(requestsAtLeast);
        for (Shown request : requests) {
            var reply = request.withKey()
                    ? http.send(request.method(), request.pathAndQuery(), request.body(), AUTH)
                    : http.send(request.method(), request.pathAndQuery(), request.body());
            var operation = DOCUMENT.operation(request.method(), request.path()).orElseThrow();
            assertThat(DOCUMENT.check(operation, reply.status(), reply.contentType(), reply.body()))
                    .as(request.where()).isEmpty();
            assertThat(DOCUMENT.checkHeaders(operation, reply.status(), reply.headers())).as(request.where()).isEmpty();
            assertThat(reply.status() / 100).as(request.where() + " answers as the doc shows")
                    .isEqualTo(JSON.readTree(request.answer()).path("type").asText().startsWith("/problems/") ? 4 : 2);
        }
    }

    @Test
    void every_kind_of_answer_is_as_the_document_says() {
        var errors = new ArrayList<String>();
        Paper copied = BundledPapers.byId("pointer-networks");
        String copy = "{\"title\": " + quoted(copied.title()) + ", \"abstract\": " + quoted(copied.abstractText())
                + "}";
        String paper = "{\"title\": \"Sparse attention\", \"abstract\": \"We study sparse attention.\","
                + " \"year\": 2024}";

        // reads, with every optional member of their answers
        check(errors, 200, "GET", "/livez", http.get("/livez"));
        check(errors, 200, "GET", "/readyz", http.get("/readyz"));
        check(errors, 200, "GET", "/health", http.get("/health"));
        check(errors, 200, "GET", "/api/search", http.get("/api/search?q=pointer+networks&k=2&offset=1&explain=true"
                + "&fields=metadata&mode=lexical"));
        check(errors, 200, "GET", "/api/papers/{id}/similar",
                http.get("/api/papers/pointer-networks/similar?k=2&offset=2&explain=true&fields=metadata"));
        check(errors, 200, "POST", "/api/similar", http.post("/api/similar", "{\"text\": \"attention\", \"k\": 2,"
                + " \"explain\": true, \"fields\": [\"metadata\"], \"filter\": {\"year\": {\"gte\": 2020}}}"));
        check(errors, 200, "POST", "/api/similar", http.post("/api/similar", "{\"text\": \"attention\", \"k\": 2,"
                + " \"offset\": 3, \"fields\": [\"metadata\"]}"));
        check(errors, 200, "POST", "/api/recommend", http.post("/api/recommend",
                "{\"positive\": [\"pointer-networks\"], \"negative\": [\"adam-a-method-for-stochastic-optimization\"],"
                        + " \"k\": 2, \"explain\": true}"));
        check(errors, 200, "POST", "/api/recommend", http.post("/api/recommend",
                "{\"positive\": [\"pointer-networks\"], \"k\": 2, \"offset\": 2, \"strategy\": \"best_score\"}"));
        check(errors, 200, "POST", "/api/search/_batch", http.post("/api/search/_batch", "{\"queries\": ["
                + "{\"q\": \"pointer networks\", \"k\": 2, \"offset\": 1, \"mode\": \"lexical\", \"explain\": true},"
                + " {\"q\": \"attention\", \"mode\": \"vector\", \"min_score\": -1, \"max_score\": 1,"
                + " \"exclude\": [\"pointer-networks\"], \"fields\": [\"metadata\"], \"filter\": [\"year>=2020\"]}]}"));
        check(errors, 200, "POST", "/v1/embeddings", http.post("/v1/embeddings",
                "{\"input\": [\"pointer networks\", \"attention\"], \"model\": \"fake\", \"user\": \"u1\"}"));
        check(errors, 200, "POST", "/v1/embeddings", http.post("/v1/embeddings", "{\"input\": \"attention\","
                + " \"model\": \"fake\", \"encoding_format\": \"base64\", \"dimensions\": " + FakeEncoder.DIMENSION + "}"));
        check(errors, 200, "POST", "/embed", http.post("/embed", "{\"inputs\": [\"attention\", \"pointers\"],"
                + " \"truncate\": true, \"normalize\": true, \"truncation_direction\": \"Right\"}"));
        check(errors, 200, "GET", "/metrics", http.get("/metrics"));
        check(errors, 200, "POST", "/api/duplicates/check", http.post("/api/duplicates/check",
                copy.replace("}", ", \"explain\": true}")));
        check(errors, 200, "GET", "/api/duplicates", http.get("/api/duplicates?threshold=0.95"));
        check(errors, 200, "GET", "/api/map", http.get("/api/map"));
        // writes
        check(errors, 201, "PUT", "/api/papers/{id}", http.send("PUT", "/api/papers/doc-a", paper, AUTH));
        check(errors, 200, "PUT", "/api/papers/{id}", http.send("PUT", "/api/papers/doc-a", paper, AUTH));
        check(errors, 200, "GET", "/api/papers/{id}", http.get("/api/papers/doc-a"));
        check(errors, 409, "PUT", "/api/papers/{id}",
                http.send("PUT", "/api/papers/copy?on_duplicate=reject", copy, AUTH));
        check(errors, 412, "PUT", "/api/papers/{id}",
                http.send("PUT", "/api/papers/doc-a", paper, "Authorization", AUTH[1], "If-Match", "\"7\""));
        check(errors, 401, "PUT", "/api/papers/{id}", http.send("PUT", "/api/papers/doc-a", paper));
        check(errors, 200, "POST", "/api/papers/_bulk", http.sendBytes("POST", "/api/papers/_bulk?on_duplicate=reject",
                ("{\"id\": \"b1\", \"abstract\": \"About b.\"}\nnot json\n" + copy.replace("{", "{\"id\": \"b2\", "))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Type", "application/x-ndjson", AUTH[0], AUTH[1]));
        check(errors, 200, "POST", "/api/papers/_bulk", http.sendBytes("POST", "/api/papers/_bulk",
                "id,title,abstract\nc1,A CSV paper,About csv.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Type", "text/csv", AUTH[0], AUTH[1]));
        check(errors, 415, "POST", "/api/papers/_bulk", http.sendBytes("POST", "/api/papers/_bulk", new byte[] {'x'},
                "Content-Type", "application/xml", AUTH[0], AUTH[1]));
        check(errors, 201, "POST", "/api/snapshots", http.send("POST", "/api/snapshots", null, AUTH));
        check(errors, 204, "DELETE", "/api/papers/{id}", http.send("DELETE", "/api/papers/doc-a", null, AUTH));
        check(errors, 404, "DELETE", "/api/papers/{id}", http.send("DELETE", "/api/papers/doc-a", null, AUTH));
        // problems
        check(errors, 400, "GET", "/api/search", http.get("/api/search?q=attention&top_k=3"));
        check(errors, 400, "GET", "/api/papers/{id}", http.rawGet("/api/papers/%zz"));
        check(errors, 404, "GET", "/api/papers/{id}", http.get("/api/papers/no-such-paper"));
        check(errors, 403, "POST", "/api/recommend", http.send("POST", "/api/recommend",
                "{\"positive\": [\"pointer-networks\"]}", "Origin", "https://attacker.example"));
        check(errors, 413, "POST", "/api/similar", http.post("/api/similar",
                "{\"text\": \"" + "a".repeat(1_100_000) + "\"}"));
        check(errors, 415, "POST", "/api/duplicates/check", http.send("POST", "/api/duplicates/check",
                "{\"text\": \"attention\"}", "Content-Type", "text/plain"));
        check(errors, 400, "POST", "/api/search/_batch", http.post("/api/search/_batch",
                "{\"queries\": [{\"q\": \"attention\"}, {\"q\": \"pointers\", \"k\": 0}]}"));
        check(errors, 400, "POST", "/v1/embeddings", http.post("/v1/embeddings", "{\"input\": [101, 2023],"
                + " \"model\": \"fake\"}"));
        check(errors, 404, "POST", "/v1/embeddings", http.post("/v1/embeddings", "{\"input\": \"attention\","
                + " \"model\": \"text-embedding-3-small\"}"));
        check(errors, 413, "POST", "/embed", http.post("/embed", "{\"inputs\": [" + "\"a\", ".repeat(256) + "\"a\"]}"));
        check(errors, 400, "GET", "/metrics", http.get("/metrics?format=json"));
        check(errors, 400, "GET", "/api/map", http.get("/api/map?k=3"));
        check(errors, 414, "GET", "/api/search", http.rawGet("/api/search?q=" + "a".repeat(70_000)));
        check(errors, 431, "GET", "/health", http.raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                + "a".repeat(70_000) + "\r\nConnection: close\r\n\r\n"));
        // the description itself
        check(errors, 200, "GET", "/openapi.json", http.get("/openapi.json"));
        check(errors, 200, "GET", "/docs", http.get("/docs"));
        check(errors, 200, "GET", "/docs/{asset}", http.get("/docs/swagger-ui-bundle.js"));
        check(errors, 200, "GET", "/docs/{asset}", http.get("/docs/swagger-ui.css"));
        check(errors, 404, "GET", "/docs/{asset}", http.get("/docs/index.html"));

        assertThat(errors).isEmpty();
    }

    @Test
    void a_server_still_loading_answers_as_the_document_says() {
        try (var loading = new TestHttp(HttpApi.starting(HttpOptions.defaults(), 10, true).javalin())) {
            var errors = new ArrayList<String>();

            check(errors, 200, "GET", "/livez", loading.get("/livez"));
            check(errors, 503, "GET", "/readyz", loading.get("/readyz"));
            check(errors, 503, "GET", "/api/search", loading.get("/api/search?q=attention"));
            check(errors, 503, "GET", "/api/map", loading.get("/api/map"));
            check(errors, 503, "POST", "/v1/embeddings", loading.post("/v1/embeddings", "{\"input\": \"a\","
                    + " \"model\": \"fake\"}"));
            check(errors, 200, "GET", "/metrics", loading.get("/metrics"));
            check(errors, 403, "PUT", "/api/papers/{id}", loading.send("PUT", "/api/papers/a", "{}"));
            check(errors, 200, "GET", "/openapi.json", loading.get("/openapi.json"));
            check(errors, 200, "GET", "/docs", loading.get("/docs"));

            assertThat(errors).isEmpty();
        }
    }

    @Test
    void a_busy_server_answers_as_the_document_says(@TempDir Path busyDir) throws Exception {
        // given a server whose one turn to encode is taken, with no room to wait, and answers held to 1024 bytes
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var encoder = new HoldingEncoder(new FakeEncoder(), entered, release);
        var papers = List.of(new Paper("short", "Protein folding", "We fold proteins.", List.of(), Map.of()),
                new Paper("long", "Speech", "We recognise speech. ".repeat(60), List.of(), Map.of()));
        try (var api = WritableApi.start(busyDir, papers, encoder, new HttpOptions.Bounds(1, 0, 30, 30, 1024, 1024))) {
            TestHttp busy = api.http();
            CompletableFuture<TestHttp.Reply> held = CompletableFuture.supplyAsync(
                    () -> busy.get("/api/search?q=slow+proteins"));
            try {
                assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
                var errors = new ArrayList<String>();
                String text = "{\"text\": \"proteins\"}";

                // when requests that encode arrive, each is refused at once
                check(errors, 429, "GET", "/api/search", busy.get("/api/search?q=proteins"));
                check(errors, 429, "POST", "/api/search/_batch", busy.post("/api/search/_batch",
                        "{\"queries\": [{\"q\": \"proteins\"}]}"));
                check(errors, 429, "GET", "/api/papers/{id}/similar", busy.get("/api/papers/short/similar?explain=true"));
                check(errors, 429, "POST", "/api/similar", busy.post("/api/similar", text));
                check(errors, 429, "POST", "/api/recommend", busy.post("/api/recommend", "{\"positive\": [\"short\"]}"));
                check(errors, 429, "POST", "/api/duplicates/check", busy.post("/api/duplicates/check", text));
                check(errors, 429, "POST", "/v1/embeddings", busy.post("/v1/embeddings",
                        "{\"input\": \"proteins\", \"model\": \"fake\"}"));
                check(errors, 429, "POST", "/embed", busy.post("/embed", "{\"inputs\": \"proteins\"}"));
                check(errors, 429, "PUT", "/api/papers/{id}", busy.send("PUT", "/api/papers/new", text, AUTH));
                check(errors, 429, "POST", "/api/papers/_bulk", busy.send("POST", "/api/papers/_bulk",
                        "[{\"id\": \"new\", \"abstract\": \"proteins\"}]", AUTH));

                // then lookups that encode nothing still answer, and an answer over the cap is refused
                check(errors, 200, "GET", "/api/papers/{id}/similar", busy.get("/api/papers/short/similar"));
                check(errors, 200, "GET", "/api/papers/{id}", busy.get("/api/papers/short"));
                check(errors, 413, "GET", "/api/papers/{id}", busy.get("/api/papers/long"));
                assertThat(errors).isEmpty();
            } finally {
                release.countDown();
            }
            assertThat(held.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    /** Asserts the status, and adds what the document says is wrong with the answer to {@code errors}. */
    private static void check(List<String> errors, int status, String method, String template, TestHttp.Reply reply) {
        assertThat(reply.status()).as(method + " " + template + ": " + reply.body()).isEqualTo(status);
        var operation = DOCUMENT.operations().stream()
                .filter(o -> o.method().equalsIgnoreCase(method) && o.path().equals(template)).findFirst();
        assertThat(operation).as(method + " " + template).isPresent();
        errors.addAll(DOCUMENT.check(operation.get(), reply.status(), reply.contentType(), reply.body()));
        errors.addAll(DOCUMENT.checkHeaders(operation.get(), reply.status(), reply.headers()));
    }

    /** Empty when {@code answer} matches one of the operation's success answers; else why it matches none. */
    private static List<String> matchesSomeSuccess(OpenApiDocument.Operation operation, String answer) {
        var errors = new ArrayList<String>();
        for (var response : operation.node().get("responses").properties()) {
            if (response.getKey().startsWith("2")) {
                List<String> these = DOCUMENT.check(operation, Integer.parseInt(response.getKey()),
                        "application/json", answer);
                if (these.isEmpty()) {
                    return List.of();
                }
                errors.addAll(these);
            }
        }
        return errors.isEmpty() ? List.of(operation + " has no success answer") : errors;
    }

    /** Every JSON answer a Markdown file shows, with the request it answers. */
    static List<Shown> shown(Path file) throws IOException {
        String text = Files.readString(file);
        var shown = new ArrayList<Shown>();
        Matcher block = BLOCK.matcher(text);
        String previousLanguage = "";
        String previous = "";
        int previousEnd = -1;
        while (block.find()) {
            if (block.group(1).equals("json")) {
                String where = file + " line " + text.substring(0, block.start()).lines().count();
                boolean answersCurl = previousLanguage.equals("sh") && previous.contains("curl ")
                        && text.substring(previousEnd, block.start()).isBlank();
                // after "| jq" the block shows what jq made of the answer (a few numbers of each vector), not it
                if (!(answersCurl && previous.contains("| jq"))) {
                    shown.add(answersCurl ? fromCurl(where, previous, block.group(2))
                            : fromHeading(where, text.substring(0, block.start()), block.group(2)));
                }
            }
            previousLanguage = block.group(1);
            previous = block.group(2);
            previousEnd = block.end();
        }
        return shown;
    }

    private static Shown fromCurl(String where, String command, String answer) {
        Matcher url = URL.matcher(command);
        assertThat(url.find()).as(where + ": a curl command with a URL").isTrue();
        Matcher body = BODY.matcher(command);
        String payload = body.find() ? body.group(1) : null;
        Matcher method = METHOD.matcher(command);
        String verb = method.find() ? method.group(1) : payload == null ? "GET" : "POST";
        return new Shown(where, verb, url.group(1), payload, command.contains("Authorization"), answer, true);
    }

    private static Shown fromHeading(String where, String before, String answer) {
        Matcher heading = OPERATION_HEADING.matcher(before);
        String method = null;
        String path = null;
        while (heading.find()) {
            method = heading.group(1);
            path = heading.group(2);
        }
        assertThat(path).as(where + ": an answer under a heading that names its operation").isNotNull();
        return new Shown(where, method, path, null, false, answer, false);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
