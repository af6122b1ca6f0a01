package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.SearchService;

import java.util.List;

/** Requests Jetty meets before any route: odd methods, odd targets, other protocols. */
class ProtocolEdgesTest {

    private static TestHttp http;

    @BeforeAll
    static void start() {
        var encoder = new FakeEncoder();
        IndexedCorpus indexed = CorpusIndexer.index(new Corpus(TopicPapers.papers(topic -> "We study " + topic + ".",
                i -> List.of()), List.of()), encoder);
        http = new TestHttp(HttpApi.create(new SearchService(indexed, encoder), new DuplicateService(indexed, encoder),
                new HttpOptions(10, 100)));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "GET /api/search?q=x HTTP/1.1\r\n\r\n",
        "GARBAGE\r\n\r\n",
        "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n",
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n",
        "GET /%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "GET /api/papers/..%2f..%2fetc HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    })
    void every_answer_is_a_4xx_problem(String request) {
        var reply = http.raw(request.replaceFirst("\r\n", "\r\nConnection: close\r\n"));

        assertThat(reply.status()).isBetween(400, 499);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).doesNotContain("Jetty").doesNotContain("Exception");
    }

    @Test
    void connect_is_a_404_problem_not_a_tunnel() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", http.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String status = in.readLine();
            var head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line.toLowerCase(java.util.Locale.ROOT)).append('\n');
            }

            assertThat(status).startsWith("HTTP/1.1 404");
            assertThat(head.toString()).contains("content-type: application/problem+json");
        }
    }

    @Test
    void a_real_server_fault_is_a_500_problem_without_a_trace() {
        var fake = new FakeEncoder();
        IndexedCorpus indexed = CorpusIndexer.index(new Corpus(TopicPapers.papers(topic -> "We study " + topic + ".",
                i -> List.of()), List.of()), fake);
        try (var faulty = new TestHttp(HttpApi.create(new SearchService(indexed, new FailingEncoder(fake)),
                new DuplicateService(indexed, fake), new HttpOptions(10, 100)))) {
            var reply = faulty.get("/api/search?q=boom&mode=vector");

            reply.assertProblem(500);
            assertThat(reply.json().get("detail").asText()).isEqualTo("simdex failed on this request; the server"
                    + " log has the details");
            assertThat(reply.body()).doesNotContain("at io.simdex").doesNotContain("Exception");
            assertThat(faulty.get("/health").status()).isEqualTo(200);
        }
    }

    /** The fake model, failing on any text with "boom" in it as a broken model would. */
    private record FailingEncoder(FakeEncoder delegate) implements ForwardingEncoder {
        @Override
        public List<io.simdex.encode.Embedding> encode(List<String> texts) {
            if (texts.stream().anyMatch(text -> text.contains("boom"))) {
                throw new IllegalStateException("the model failed");
            }
            return delegate.encode(texts);
        }
    }

    @Test
    void options_asterisk_asks_about_the_server_and_gets_the_methods_it_takes() {
        var reply = http.raw("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.headers().firstValue("Allow")).hasValue(AsteriskOptions.METHODS);
    }

    @Test
    void a_request_in_an_unknown_http_version_is_a_400_not_a_505() {
        var reply = http.raw("GET /health HTTP/3.7\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        reply.assertProblem(400);
        assertThat(reply.json().get("detail").asText()).contains("HTTP/1.1");
    }
}
