package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.SearchService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A stop lets the requests already running finish, and turns new ones away, before it returns. */
class GracefulStopTest {

    @Test
    void a_request_in_flight_when_the_server_stops_still_gets_its_answer() throws Exception {
        // given an encoder that holds texts containing "slow" until released
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var encoder = new HoldingEncoder(new FakeEncoder(), entered, release);
        IndexedCorpus indexed = CorpusIndexer.index(new Corpus(List.of(
                new Paper("a", "Protein folding", "We fold proteins.", List.of()),
                new Paper("b", "Speech", "We recognise speech.", List.of())), List.of()), encoder);
        Javalin server = HttpApi.create(new SearchService(indexed, encoder), new DuplicateService(indexed, encoder),
                null, new HttpOptions(10, 100), 10).start("127.0.0.1", 0);
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI similar = URI.create("http://127.0.0.1:" + server.port() + "/api/similar");

        // when a request is running and the server is told to stop
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(similar)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"slow protein folding\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        Thread.sleep(300);
        boolean stoppedEarly = stopping.isDone();
        release.countDown();

        // then the running request is answered, and the stop waited for it
        HttpResponse<String> reply = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("\"results\"");
        assertThat(stoppedEarly).as("the stop returned before the request finished").isFalse();
        stopping.get(20, TimeUnit.SECONDS);
    }

    @Test
    void a_server_listening_before_its_services_are_loaded_is_alive_but_not_ready() throws Exception {
        var encoder = new FakeEncoder();
        IndexedCorpus indexed = CorpusIndexer.index(new Corpus(List.of(
                new Paper("a", "Protein folding", "We fold proteins.", List.of())), List.of()), encoder);
        HttpApi.Starting starting = HttpApi.starting(new HttpOptions(10, 100), 10, false);
        try (var http = new TestHttp(starting.javalin())) {
            var live = http.get("/livez");
            var ready = http.get("/readyz");
            var search = http.get("/api/search?q=protein");

            org.assertj.core.api.Assertions.assertThat(live.status()).isEqualTo(200);
            ready.assertProblem(503);
            org.assertj.core.api.Assertions.assertThat(ready.headers().firstValue("Retry-After")).hasValue("5");
            search.assertProblem(503);
            org.assertj.core.api.Assertions.assertThat(search.json().get("detail").asText())
                    .contains("simdex is starting");

            starting.ready(new SearchService(indexed, encoder), new DuplicateService(indexed, encoder), null);

            org.assertj.core.api.Assertions.assertThat(http.get("/readyz").status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(http.get("/api/search?q=protein").status()).isEqualTo(200);
        }
    }
}
