package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;
import io.simdex.search.SearchService;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The bounds on work and time: admission to encoding (429, 503), answer size, explanation work, slow clients. */
class BoundedWorkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final FakeEncoder fake = new FakeEncoder();
    private Javalin server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    private void start(HttpOptions.Bounds bounds) {
        start(new HttpOptions(10, 1000).withBounds(bounds), SearchOptions.defaults());
    }

    private void start(HttpOptions options, SearchOptions search) {
        var encoder = new HoldingEncoder(fake, entered, release);
        IndexedCorpus indexed = CorpusIndexer.index(new Corpus(List.of(
                new Paper("a", "Protein folding", "We fold proteins. Folding is hard. It takes time.", List.of()),
                new Paper("b", "Speech", "We recognise speech. Speech is fast.", List.of()),
                new Paper("c", "Protein design", "We design proteins. Design is fun.", List.of()),
                new Paper("d", "Long", "A long abstract about speech " + "and speech ".repeat(200) + ".", List.of())),
                List.of()),
                encoder);
        var searchService = new SearchService(indexed, encoder, search);
        server = HttpApi.create(searchService, new DuplicateService(indexed, encoder,
                io.simdex.dedup.DedupOptions.defaults(), searchService.explainer()), null, options, 10)
                .start("127.0.0.1", 0);
    }

    private static HttpOptions.Bounds bounds(int concurrent, int queued, int timeoutSeconds) {
        return new HttpOptions.Bounds(concurrent, queued, timeoutSeconds, 30, 1024, 8 * 1024 * 1024);
    }

    private CompletableFuture<HttpResponse<String>> searchAsync(String q) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(uri("/api/search?q=" + q)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void beyond_the_running_and_waiting_encodes_a_request_gets_429_with_retry_after() throws Exception {
        // given one encode running (held) and room for one waiting
        start(bounds(1, 1, 30));
        CompletableFuture<HttpResponse<String>> running = searchAsync("slow+protein");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> waiting = searchAsync("protein");
        Thread.sleep(200);

        // when a third encoding request arrives
        HttpResponse<String> refused = get("/api/search?q=speech");

        // then it is refused at once, saying why and when to retry
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("api.max-concurrent-encodes")
                .contains("api.max-queued-encodes");
        // and a lookup that encodes nothing still answers, and the meters show the line and the refusal
        assertThat(get("/api/papers/a/similar").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("simdex_encode_rejected_total 1.0")
                .contains("simdex_encode_queue_depth 1.0").contains("simdex_encode_running 1.0");
        assertThat(waiting.isDone()).isFalse();

        // and once the running one finishes, both admitted requests are answered
        release.countDown();
        assertThat(running.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(waiting.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void a_request_estimated_to_wait_longer_than_max_queue_wait_gets_429_with_retry_after() throws Exception {
        // given one encode running (held), room for four waiting, but no time to wait at all
        start(new HttpOptions.Bounds(1, 4, 0, 30, 30, 1024, 8 * 1024 * 1024));
        CompletableFuture<HttpResponse<String>> running = searchAsync("slow+protein");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        // when another encoding request arrives, though the line is empty
        HttpResponse<String> refused = post("/api/duplicates/check", "{\"text\": \"protein folding\"}");

        // then it is refused at once, saying which setting and when to retry
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("api.max-queue-wait")
                .doesNotContain("api.max-queued-encodes");
        assertThat(get("/metrics").body()).contains("simdex_encode_rejected_total 1.0")
                .contains("simdex_encode_queue_depth 0.0");
        release.countDown();
        assertThat(running.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void a_repeated_query_is_not_encoded_again_and_skips_the_gate_while_it_is_full() throws Exception {
        // given a query searched once, so its embedding is cached, and then the one encoding slot held
        start(bounds(1, 0, 30));
        assertThat(get("/api/search?q=protein+folding&mode=vector").statusCode()).isEqualTo(200);
        int encoded = fake.encodedTexts();
        CompletableFuture<HttpResponse<String>> running = searchAsync("slow+speech");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        // when the same query comes again, in vector and in the default (hybrid) mode, and a new query comes
        HttpResponse<String> vector = get("/api/search?q=protein+folding&mode=vector");
        HttpResponse<String> hybrid = get("/api/search?q=protein+folding");
        HttpResponse<String> fresh = get("/api/search?q=design");
        HttpResponse<String> explained = get("/api/search?q=protein+folding&explain=true");

        // then the repeated ones are answered without the model and without a turn; new work still queues
        assertThat(vector.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(vector.body()).get("results").get(0).get("id").asText()).isEqualTo("a");
        assertThat(hybrid.statusCode()).isEqualTo(200);
        assertThat(fresh.statusCode()).isEqualTo(429);
        assertThat(explained.statusCode()).as("explanations encode sentences").isEqualTo(429);
        assertThat(fake.seenTexts().stream().filter("protein folding"::equals)).hasSize(1);
        release.countDown();
        assertThat(running.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(fake.encodedTexts()).isEqualTo(encoded + 1);
    }

    @Test
    void with_the_query_cache_off_a_repeated_query_is_encoded_again() throws Exception {
        start(new HttpOptions(10, 1000), SearchOptions.defaults().withQueryCacheSize(0));

        get("/api/search?q=protein+folding");
        get("/api/search?q=protein+folding");

        assertThat(fake.seenTexts().stream().filter("protein folding"::equals)).hasSize(2);
    }

    @Test
    void a_request_that_waits_longer_than_the_request_timeout_gets_503() throws Exception {
        start(bounds(1, 4, 1));
        CompletableFuture<HttpResponse<String>> running = searchAsync("slow+protein");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> late = post("/api/duplicates/check", "{\"text\": \"protein folding\"}");

        assertThat(late.statusCode()).isEqualTo(503);
        assertThat(late.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(late.body()).get("detail").asText()).contains("api.request-timeout");
        release.countDown();
        assertThat(running.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void an_answer_over_max_response_bytes_gets_413_naming_the_setting() throws Exception {
        start(new HttpOptions(10, 1000).withBounds(new HttpOptions.Bounds(2, 4, 30, 30, 1024, 1024)),
                SearchOptions.defaults());

        HttpResponse<String> small = get("/api/papers/a");
        HttpResponse<String> large = get("/api/papers/d");

        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(large.body()).get("detail").asText()).contains("api.max-response-bytes");
    }

    @Test
    void explanations_over_the_sentence_and_pair_limits_get_400_naming_the_setting() throws Exception {
        start(new HttpOptions(10, 100_000, 100_000, 100), new SearchOptions(SearchMode.VECTOR, 60, 100, 30, 20));
        String manySentences = "Proteins fold. ".repeat(40);

        HttpResponse<String> tooManySentences = post("/api/similar",
                "{\"text\": \"" + manySentences + "\", \"k\": 1, \"explain\": true}");
        HttpResponse<String> tooManyPairs = post("/api/similar",
                "{\"text\": \"Proteins fold. Proteins are designed. Speech is fast.\", \"k\": 3, \"explain\": true}");
        HttpResponse<String> withinLimits = post("/api/similar",
                "{\"text\": \"Proteins fold.\", \"k\": 2, \"explain\": true}");

        assertThat(tooManySentences.statusCode()).isEqualTo(400);
        assertThat(detail(tooManySentences)).contains("search.max-explain-sentences");
        assertThat(tooManyPairs.statusCode()).isEqualTo(400);
        assertThat(detail(tooManyPairs)).contains("search.max-explain-pairs");
        assertThat(withinLimits.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(withinLimits.body()).get("results").get(0).has("explanation")).isTrue();
        // and the refused requests embedded none of their sentences
        assertThat(fake.seenTexts()).noneMatch(text -> text.equals("Speech is fast."));
    }

    @Test
    void stalled_request_bodies_do_not_keep_other_requests_waiting() throws Exception {
        start(bounds(2, 4, 30));
        var stalled = new ArrayList<Socket>();
        int openBefore = openConnections();
        try {
            // given 300 connections that each promise a body and never send it
            for (int i = 0; i < 300; i++) {
                var socket = new Socket("127.0.0.1", server.port());
                socket.getOutputStream().write(("POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                        + " application/json\r\nContent-Length: 100\r\n\r\n{\"te").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }

            // then other clients are still answered
            assertThat(get("/health").statusCode()).isEqualTo(200);
            assertThat(post("/api/similar", "{\"text\": \"protein\"}").statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            // the two requests above may have opened a kept-alive connection each
            awaitOpenConnectionsAtMost(openBefore + 2);
        }
    }

    /** Waits (up to 20 s) until the server has seen the closed connections go, so the stop that follows is clean. */
    private void awaitOpenConnectionsAtMost(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && openConnections() > count) {
            Thread.sleep(50);
        }
    }

    private int openConnections() {
        int open = 0;
        for (var connector : server.jettyServer().server().getConnectors()) {
            open += connector.getConnectedEndPoints().size();
        }
        return open;
    }

    @Test
    void a_body_sent_slower_than_the_minimum_rate_is_cut_off() throws Exception {
        start(new HttpOptions(10, 1000).withBounds(new HttpOptions.Bounds(2, 4, 30, 30, 1000, 8 << 20)),
                SearchOptions.defaults());
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n{\"text\": \"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            boolean cutOff = false;
            // a byte every 200 ms is 5 bytes/s, far below the 1000 bytes/s asked for
            for (int i = 0; i < 40 && !cutOff; i++) {
                Thread.sleep(200);
                try {
                    out.write('a');
                    out.flush();
                } catch (java.io.IOException e) {
                    cutOff = true;
                }
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(cutOff || !answer.isEmpty()).as("the slow sender was cut off").isTrue();
            if (!answer.isEmpty()) {
                assertThat(answer).startsWith("HTTP/1.1 4");
            }
        }
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void a_body_that_ends_before_its_announced_length_gets_400_not_500() throws Exception {
        start(bounds(2, 4, 30));
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                    + " application/json\r\nContent-Length: 100\r\n\r\n{\"text\": \"pro").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.shutdownOutput();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("ended before the length it announced");
        }
    }

    private static String detail(HttpResponse<String> response) throws Exception {
        JsonNode problem = JSON.readTree(response.body());
        return problem.get("detail").asText();
    }
}
