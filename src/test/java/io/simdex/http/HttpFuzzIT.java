package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import io.simdex.corpus.Paper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A seeded fuzzer over every route the OpenAPI document lists (so a new route is fuzzed as soon as it is
 * documented): methods, paths, query parameters, headers and bodies, well-formed and not. Every answer must be
 * deliberate: below 500, and every error a problem body that names no library; the server must stay healthy.
 * Bounded to about a minute.
 */
class HttpFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SENT = new AtomicInteger();

    private static Path dir;
    private static WritableApi api;
    private static List<Operation> operations;

    /** A documented route: its method, path template and query parameters, and whether it takes a body. */
    record Operation(String method, String path, List<String> queryParameters, boolean body) {
    }

    /** One request, as bytes on the wire, and a line describing it for a failure message. */
    record Request(byte[] bytes, String summary) {
        @Override
        public String toString() {
            return summary;
        }
    }

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("simdex-fuzz-");
        var papers = new ArrayList<Paper>();
        for (int i = 1; i <= 12; i++) {
            papers.add(new Paper("paper-" + i, "Paper " + i + " on " + TOPICS.get(i % TOPICS.size()),
                    "We study " + TOPICS.get(i % TOPICS.size()) + ". Results improve. We release code.", List.of()));
        }
        api = WritableApi.start(dir, papers);
        operations = operations(api.http().get("/openapi.json").json());
        assertThat(operations).hasSizeGreaterThan(10);
    }

    @AfterContainer
    static void stop() throws IOException {
        try {
            // the server is healthy after it all: it answers, searches and writes
            assertThat(api.http().get("/health").status()).isEqualTo(200);
            assertThat(api.http().get("/api/search?q=graph").status()).isEqualTo(200);
            assertThat(api.http().send("PUT", "/api/papers/after-the-fuzz", "{\"title\": \"After\", \"abstract\":"
                    + " \"The server still writes.\"}", WritableApi.AUTH).status()).isIn(200, 201);
            assertThat(SENT.get()).isEqualTo(13_000);
        } finally {
            api.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Property(tries = 8000, seed = "20261207", shrinking = ShrinkingMode.OFF)
    void any_request_to_any_route_gets_a_deliberate_answer(@ForAll("requests") Request request) {
        check(request, send(request.bytes()));
    }

    @Property(tries = 5000, seed = "20261208", shrinking = ShrinkingMode.OFF)
    void any_body_to_a_route_that_takes_one_gets_a_deliberate_answer(@ForAll("bodies") Request request) {
        check(request, send(request.bytes()));
    }

    private static void check(Request request, Answer answer) {
        SENT.incrementAndGet();
        assertThat(answer.status()).as("%s answered %s", request, answer.head()).isBetween(100, 499);
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as("%s: %s", request, answer.head())
                    .startsWith("application/problem+json");
            if (request.summary().startsWith("HEAD ")) {
                return; // an answer to HEAD has no body
            }
            JsonNode problem = parse(request, answer.body());
            assertThat(problem.path("status").asInt()).as("%s", request).isEqualTo(answer.status());
            String detail = problem.path("detail").asText();
            assertThat(detail).as("%s", request).isNotBlank();
            for (String leak : List.of("Exception", "jackson", "Jackson", "jetty", "Jetty", "javalin", "Javalin",
                    "at io.", "at org.", "at java.")) {
                assertThat(detail).as("%s: detail names a library: %s", request, detail).doesNotContain(leak);
            }
        }
    }

    private static JsonNode parse(Request request, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(request + ": the problem body is not JSON: " + body, e);
        }
    }

    // --- what is sent

    private static final List<String> TOPICS = List.of("graph neural networks", "protein folding", "speech",
            "reinforcement learning", "image segmentation", "language models");

    @Provide
    Arbitrary<Request> requests() {
        return Combinators.combine(Arbitraries.of(operations), method(), Arbitraries.integers().between(0, 3),
                queries(), headers(), body()).as(HttpFuzzIT::request);
    }

    @Provide
    Arbitrary<Request> bodies() {
        List<Operation> withBodies = operations.stream().filter(Operation::body).toList();
        return Combinators.combine(Arbitraries.of(withBodies), jsonBodies(), contentType(), auth())
                .as((op, body, type, auth) -> build(op.method(), fill(op.path(), "paper-3"), type, auth,
                        List.of(), body));
    }

    private static Request request(Operation op, String method, int idKind, String query, List<String> headers,
            byte[] body) {
        String target = fill(op.path(), ID_KINDS.get(idKind)) + query;
        var all = new ArrayList<>(headers);
        return build(method == null ? op.method() : method, target, null, null, all, op.body() || method != null
                ? body : null);
    }

    private static final List<String> ID_KINDS = List.of("paper-1", "no-such-paper", "%u002e%2F..%2fetc",
            "%E2%82%AC%F0%9F%98%80-x");

    private static String fill(String template, String id) {
        return template.replace("{id}", id).replace("{asset}", id.equals("paper-1") ? "swagger-ui.css" : id);
    }

    private static Request build(String method, String target, String contentType, String auth,
            List<String> headers, byte[] body) {
        var head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (auth != null) {
            head.append("Authorization: ").append(auth).append("\r\n");
        }
        headers.forEach(h -> head.append(h).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        var out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        String summary = head.toString().replace("\r\n", " | ") + shown;
        return new Request(out.toByteArray(), summary.length() <= 600 ? summary : summary.substring(0, 600) + "…");
    }

    /** Null (the route's own method) most of the time, else another one, odd ones included. */
    private static Arbitrary<String> method() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(null)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
                        "TRACE", "G3T", "get", "MKCOL")));
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(List.of("q", "k", "mode", "offset", "min_score",
                        "max_score", "exclude", "explain", "filter", "fields", "threshold", "on_duplicate"))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("limit", "top_k", "K", "q%00", "%zz", "", "q[]")));
        Arbitrary<String> pair = Combinators.combine(name, value()).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(5).map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    private static Arbitrary<String> value() {
        return Arbitraries.oneOf(
                Arbitraries.of("1", "0", "-1", "5", "100", "101", "99999999999999999999", "1e9", "NaN", "-Infinity",
                        "0.5", "1.0000001", "true", "false", "yes", "vector", "lexical", "hybrid", "VECTOR", "",
                        "year>=2020", "venue:NeurIPS", "year>>", "metadata", "metadata,zzz", "reject", "paper-1",
                        "%ff%fe", "%zz", "%", "%E2%82", "%F0%9F%98%80", "graph+neural", "a%20b", "%00"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(30),
                Arbitraries.integers().between(-1_000_000, 1_000_000).map(String::valueOf),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(5000));
    }

    private static Arbitrary<List<String>> headers() {
        Arbitrary<String> header = Arbitraries.oneOf(
                contentType().map(t -> "Content-Type: " + t),
                auth().map(a -> "Authorization: " + a),
                Arbitraries.of("If-Match: \"1\"", "If-Match: 0", "If-Match: *", "If-Match: \"x\"", "If-Match: ",
                        "Origin: https://attacker.example", "Origin: http://127.0.0.1", "Origin: null",
                        "X-Request-ID: fuzz-1", "X-Request-ID: " + "x".repeat(300), "Content-Encoding: gzip",
                        "Content-Encoding: br", "Accept: text/html", "Accept-Encoding: gzip",
                        "Expect: 100-continue", "Range: bytes=0-10", "Cookie: a=b"));
        return header.list().ofMaxSize(3).map(list -> list.stream().distinct().toList());
    }

    private static Arbitrary<String> contentType() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
                "application/json; charset=latin1", "application/json; charset=bogus-42", "text/plain",
                "application/x-ndjson", "text/csv", "application/problem+json", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "", ";;;", "application/json; charset=");
    }

    private static Arbitrary<String> auth() {
        return Arbitraries.of("Bearer " + WritableApi.KEY, "Bearer " + WritableApi.KEY, "Bearer wrong-key-0000000000",
                "Basic dXNlcjpwYXNz", "Bearer", "");
    }

    private static Arbitrary<byte[]> body() {
        return Arbitraries.oneOf(jsonBodies(), Arbitraries.just(new byte[0]));
    }

    /** Bodies: shapes the routes take, with wrong types, limits and JSON that is not strict or not JSON. */
    private static Arbitrary<byte[]> jsonBodies() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.of(
                        "{\"text\": \"graph neural networks\"}",
                        "{\"text\": \"graph neural networks\", \"k\": 3, \"explain\": true, \"offset\": 1}",
                        "{\"title\": \"Protein folding\", \"abstract\": \"We fold proteins.\", \"k\": 2}",
                        "{\"positive\": [\"paper-1\"], \"negative\": [\"paper-2\"], \"k\": 3}",
                        "{\"positive\": [\"paper-1\", \"no-such\"], \"strategy\": \"best_score\"}",
                        "{\"positive\": [], \"strategy\": \"worst\"}",
                        "{\"queries\": [{\"q\": \"speech\", \"k\": 2}, {\"q\": \"graph\", \"mode\": \"lexical\"}]}",
                        "{\"queries\": [{\"q\": \"\"}]}", "{\"queries\": {}}",
                        "{\"input\": [\"a text\", \"another\"], \"model\": \"fake\"}",
                        "{\"input\": \"a text\", \"model\": \"fake\", \"encoding_format\": \"base64\"}",
                        "{\"input\": [[1, 2, 3]], \"model\": \"fake\"}", "{\"input\": \"\", \"model\": \"gpt\"}",
                        "{\"inputs\": \"a text\", \"truncate\": true}", "{\"inputs\": [\"a\", \"b\"], \"normalize\": false}",
                        "{\"title\": \"New\", \"abstract\": \"A new paper about speech.\", \"year\": 2024}",
                        "{\"title\": \"\", \"abstract\": \"\"}", "{\"abstract\": 5}",
                        "{\"text\": null}", "{\"text\": \"a\", \"text\": \"b\"}", "{\"text\": \"a\"} trailing",
                        "{\"text\": \"a\"}{\"text\": \"b\"}", "{'text': 'single quotes'}", "{\"text\": \"cut",
                        "[]", "[1, 2]", "null", "\"text\"", "42", "{}", "{\"k\": 1e999}", "{\"k\": -0}",
                        "{\"k\": 3.5, \"text\": \"x\"}", "{\"k\": \"3\", \"text\": \"x\"}",
                        "{\"filter\": {\"year\": {\"gte\": 2020}}, \"text\": \"x\"}",
                        "{\"filter\": {\"year\": {\"zz\": 1}}, \"text\": \"x\"}",
                        "{\"text\": \"x\", \"fields\": [\"metadata\"], \"exclude\": [\"paper-1\"]}",
                        "{\"text\": \"\\ud800\"}", "{\"text\": \"\\u0000\"}",
                        "{\"id\": \"x\", \"title\": \"t\", \"abstract\": \"a\"}\n{\"id\": \"y\", \"abstract\": \"b\"}\n",
                        "id,title,abstract\nz1,Title,An abstract.\n"),
                Arbitraries.integers().between(1, 3000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 2000).map(n -> "{\"k\": " + "9".repeat(n) + ", \"text\": \"x\"}"),
                Arbitraries.integers().between(1, 2000).map(n -> "{\"" + "k".repeat(n) + "\": 1}"),
                Arbitraries.integers().between(1, 30_000).map(n -> "{\"text\": \"" + "word. ".repeat(n / 6 + 1)
                        + "\", \"explain\": true, \"k\": 100}"),
                Arbitraries.strings().ofMaxLength(300));
        Arbitrary<byte[]> bytes = text.map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(bytes, bytes, bytes, bytes,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(500),
                text.map(HttpFuzzIT::gzip),
                Arbitraries.of(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'},
                        "{\"text\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static byte[] gzip(String text) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // --- the documented routes

    private static List<Operation> operations(JsonNode document) {
        var found = new ArrayList<Operation>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (String method : List.of("get", "post", "put", "delete")) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                var query = new ArrayList<String>();
                for (JsonNode parameter : op.path("parameters")) {
                    JsonNode resolved = resolve(document, parameter);
                    if ("query".equals(resolved.path("in").asText())) {
                        query.add(resolved.path("name").asText());
                    }
                }
                found.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), query,
                        op.has("requestBody")));
            }
        }
        return found;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        JsonNode target = document;
        for (String part : node.get("$ref").asText().substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    // --- the wire

    /** An answer as read off the socket. */
    record Answer(int status, String head, String contentType, String body) {
    }

    private static Answer send(byte[] request) {
        try (var socket = new Socket("127.0.0.1", api.http().port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            byte[] raw = socket.getInputStream().readAllBytes();
            String response = new String(raw, StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            assertThat(headEnd).as("no answer, or one cut short: '%s'", response).isPositive();
            String head = response.substring(0, headEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            String type = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            String firstLine = head.lines().findFirst().orElse("");
            return new Answer(status, firstLine, type, response.substring(headEnd + 4));
        } catch (IOException e) {
            // the server may answer and close before reading a refused body; the answer must still have come
            throw new AssertionError("the request failed: " + e, e);
        }
    }
}
