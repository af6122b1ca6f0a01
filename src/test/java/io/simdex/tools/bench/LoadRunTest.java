package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import io.simdex.corpus.Paper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/** The HTTP suite's load generator: its window arithmetic on a fake clock, and real requests to a fake server. */
class LoadRunTest {

    private static final long MS = 1_000_000;

    @Test
    void counts_only_answers_that_arrive_in_the_measured_window() throws Exception {
        // given: one client on a fake clock, every request takes 1 ms; every 4th is refused, one gets no answer
        var now = new AtomicLong();
        LoadRun.Call call = (client, sequence) -> {
            now.addAndGet(MS);
            if (sequence == 50) {
                throw new IOException("connection reset");
            }
            return sequence % 4 == 3 ? 429 : 200;
        };
        var plan = new LoadRun.Plan(1, Duration.ofMillis(10), Duration.ofMillis(100));

        // when
        LoadRun.Result result = LoadRun.run(plan, call, now::get);

        // then: request k is answered at k+1 ms, so k = 9..108 land in [10 ms, 110 ms)
        assertThat(result.answers()).isEqualTo(100);
        assertThat(result.statuses()).containsExactly(Map.entry(LoadRun.NO_ANSWER, 1L), Map.entry(200, 74L),
                Map.entry(429, 25L));
        assertThat(result.perSecond(200)).isCloseTo(740.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.share(429)).isEqualTo(0.25);
        assertThat(result.latency().get(200).p99Ms()).isEqualTo(1.0);
        assertThat(result.latency().get(429).samples()).isEqualTo(25);
    }

    @Test
    void percentiles_are_nearest_rank() {
        Latency hundred = Latency.ofNanos(LongStream.rangeClosed(1, 100).map(ms -> ms * MS).toArray());
        assertThat(hundred).isEqualTo(new Latency(100, 50.0, 99.0, 100.0, 50.5));

        Latency ten = Latency.ofNanos(new long[] {10 * MS, 1 * MS, 7 * MS, 3 * MS, 2 * MS, 9 * MS, 4 * MS, 8 * MS,
            6 * MS, 5 * MS});
        assertThat(ten.p50Ms()).isEqualTo(5.0);
        assertThat(ten.p99Ms()).isEqualTo(10.0);
        assertThat(Latency.ofNanos(new long[0])).isNull();
        assertThatThrownBy(() -> Latency.ofNanos(new long[] {-1})).hasMessageContaining(">= 0");
    }

    @Test
    void a_row_compares_throughput_and_p99_with_its_peer() {
        var peer = new LoadRun.Result(2, 10, Map.of(200, 1000L), Map.of(200, new Latency(1000, 4, 10, 12, 5)));
        var run = new LoadRun.Result(8, 10, Map.of(200, 450L, 429, 150L, 503, 5L),
                Map.of(200, new Latency(450, 9, 25, 30, 10), 429, new Latency(150, 0.5, 1, 2, 0.6)));

        BenchResults.HttpRow row = HttpSuite.row("search", "GET /api/search", run, "raw", peer);

        assertThat(row.okPerSecond()).isEqualTo(45.0);
        assertThat(row.throughputRatio()).isEqualTo(0.45);
        assertThat(row.p99Ratio()).isEqualTo(2.5);
        assertThat(row.refused()).isEqualTo(150);
        assertThat(row.other()).isEqualTo(5);
        assertThat(row.refusedShare()).isEqualTo(150.0 / 605);
        assertThat(HttpSuite.row("search", "raw", peer, null, null).throughputRatio()).isNull();
    }

    @Test
    void http_clients_send_real_requests_and_record_every_status() throws Exception {
        // given: a fake server that refuses every other request with 429
        var served = new AtomicLong();
        Set<String> clients = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/x", exchange -> {
            clients.add(exchange.getRequestURI().getQuery());
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            int status = served.incrementAndGet() % 2 == 0 ? 429 : 200;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            LoadRun.Call call = HttpSuite.httpGet(client, "http://127.0.0.1:" + server.getAddress().getPort(),
                    (c, n) -> "/x?client=" + c);

            // when
            LoadRun.Result result = LoadRun.run(new LoadRun.Plan(4, Duration.ZERO, Duration.ofMillis(300)), call);

            // then
            assertThat(result.statuses().keySet()).containsExactly(200, 429);
            assertThat(result.answers()).isEqualTo(result.count(200) + result.count(429)).isLessThanOrEqualTo(served.get());
            assertThat(clients).containsExactlyInAnyOrder("client=0", "client=1", "client=2", "client=3");
            assertThat(result.latency().get(200).p50Ms()).isLessThanOrEqualTo(result.latency().get(200).p99Ms());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_client_told_to_pause_after_a_429_sends_no_more_than_the_pauses_allow() throws Exception {
        var sent = new AtomicLong();
        LoadRun.Call refused = (c, n) -> {
            sent.incrementAndGet();
            return 429;
        };
        var plan = new LoadRun.Plan(1, Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(100));

        LoadRun.Result result = LoadRun.run(plan, refused);

        // one request at 0 ms, then at most one after each 100 ms pause inside the 300 ms window
        assertThat(sent.get()).isBetween(1L, 4L);
        assertThat(result.statuses().keySet()).containsOnly(429);
    }

    @Test
    void a_failing_call_stops_the_run_with_its_cause() {
        LoadRun.Call call = (c, n) -> {
            throw new IllegalArgumentException("bad target");
        };
        assertThatThrownBy(() -> LoadRun.run(new LoadRun.Plan(2, Duration.ZERO, Duration.ofMillis(50)), call))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bad target");
    }

    @Test
    void queries_are_titles_and_abstract_phrases_without_repeats() {
        var papers = List.of(
                new Paper("a", "Attention is all you need", "one two three four five six seven eight nine ten eleven "
                        + "twelve thirteen", List.of()),
                new Paper("b", "Attention is all you need", "one two three four five six", List.of()));

        List<String> queries = HttpSuite.queries(papers, 42);

        assertThat(queries).containsExactlyInAnyOrder("Attention is all you need", "one two three four five six",
                "seven eight nine ten eleven twelve");
        assertThat(HttpSuite.queries(papers, 42)).isEqualTo(queries);
    }
}
