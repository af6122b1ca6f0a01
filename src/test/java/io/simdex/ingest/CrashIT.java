package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.TestModels;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Acknowledged writes survive kill -9: the packaged service runs in a child JVM on the real model while
 * writers send PUTs and DELETEs; it is killed at a seeded random moment, restarted, and every acknowledged write
 * must be there, exactly, in the store and in both indexes. Several rounds on one store, bounded in time.
 */
class CrashIT {

    private static final String KEY = "crash-test-key-0123456789";
    private static final int ROUNDS = 3;
    private static final int WRITERS = 3;
    private static final int IDS_PER_WRITER = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

    /** What a writer knows of one id: the last acknowledged state, and a write that was in flight at the kill. */
    private static final class Known {
        String ackedText;      // null: absent (never written, or deleted)
        long ackedVersion;     // 0 when absent
        String inFlightText;   // the text a PUT in flight would leave
        boolean inFlightDelete;
        boolean inFlight;
    }

    @Test
    void every_acknowledged_write_survives_kill_9_and_the_indexes_agree_with_the_store(@TempDir Path dir)
            throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.jsonl"),
                "{\"id\": \"seed-1\", \"title\": \"Seed\", \"abstract\": \"A paper the store starts with.\"}\n");
        Map<String, Known> known = new HashMap<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < IDS_PER_WRITER; i++) {
                known.put(id(w, i), new Known());
            }
        }
        var random = new Random(20261207L);
        for (int round = 0; round < ROUNDS; round++) {
            int port = freePort();
            Process service = start(dir, seed, port);
            try {
                awaitReady(service, port);
                verify(port, known, round);
                runWritersThenKill(service, port, known, random, round);
            } finally {
                service.destroyForcibly();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertThat(unexpected).as("answers other than 200, 201 and 204").isEmpty();
        assertThat(acknowledged.get()).as("writes acknowledged before the kills").isGreaterThan(ROUNDS * 10);
        int port = freePort();
        Process service = start(dir, seed, port);
        try {
            awaitReady(service, port);
            verify(port, known, ROUNDS);
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void runWritersThenKill(Process service, int port, Map<String, Known> known, Random random, int round)
            throws InterruptedException {
        var stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            long seed = random.nextLong();
            writers.submit(() -> write(port, writer, new Random(seed), known, stop, round));
        }
        Thread.sleep(700 + random.nextInt(2_000));
        service.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        service.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** One writer: random PUTs and DELETEs of its own ids, recording what the service acknowledged. */
    private void write(int port, int writer, Random random, Map<String, Known> known, AtomicBoolean stop,
            int round) {
        int n = 0;
        while (!stop.get()) {
            String id = id(writer, random.nextInt(IDS_PER_WRITER));
            Known state;
            synchronized (known) {
                state = known.get(id);
            }
            boolean delete = state.ackedText != null && random.nextInt(4) == 0;
            String text = "Round " + round + " write " + (n++) + " of " + id + " with the word "
                    + marker(id) + ". We study crash safety of acknowledged writes in a paper store.";
            state.inFlight = true;
            state.inFlightDelete = delete;
            state.inFlightText = delete ? null : text;
            try {
                HttpResponse<String> reply = delete
                        ? send(port, "DELETE", "/api/papers/" + id, null)
                        : send(port, "PUT", "/api/papers/" + id, "{\"title\": \"" + id + "\", \"abstract\": \""
                                + text + "\"}");
                if (reply.statusCode() == 200 || reply.statusCode() == 201) {
                    state.ackedText = text;
                    state.ackedVersion = JSON.readTree(reply.body()).get("version").asLong();
                } else if (reply.statusCode() == 204) {
                    state.ackedText = null;
                    state.ackedVersion = 0;
                } else {
                    unexpected.add(reply.statusCode() + " for " + (delete ? "DELETE " : "PUT ") + id + ": "
                            + reply.body());
                    return;
                }
                state.inFlight = false;
                acknowledged.incrementAndGet();
            } catch (IOException e) {
                return; // the service died with this write in flight: it may or may not have happened
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Every id is in its acknowledged state, or in the state its in-flight write would leave; never anything else. */
    private void verify(int port, Map<String, Known> known, int round) throws Exception {
        int present = 0;
        for (var entry : known.entrySet()) {
            String id = entry.getKey();
            Known state = entry.getValue();
            HttpResponse<String> reply = send(port, "GET", "/api/papers/" + id, null);
            String text = reply.statusCode() == 200 ? JSON.readTree(reply.body()).get("abstract").asText() : null;
            long version = reply.statusCode() == 200 ? JSON.readTree(reply.body()).get("version").asLong() : 0;
            assertThat(reply.statusCode()).as("GET %s after round %d", id, round).isIn(200, 404);
            boolean acked = java.util.Objects.equals(text, state.ackedText)
                    && (text == null || version == state.ackedVersion);
            boolean inFlightApplied = state.inFlight && (state.inFlightDelete ? text == null
                    : java.util.Objects.equals(text, state.inFlightText) && version == state.ackedVersion + 1);
            assertThat(acked || inFlightApplied).as("%s after round %d: stored %s (v%d), acknowledged %s (v%d),"
                    + " in flight %s", id, round, text, version, state.ackedText, state.ackedVersion,
                    state.inFlight ? (state.inFlightDelete ? "delete" : state.inFlightText) : "nothing").isTrue();
            // settle the state to what is stored, for the next round
            state.ackedText = text;
            state.ackedVersion = version;
            state.inFlight = false;
            if (text != null) {
                present++;
            }
            // BM25 finds the paper by its own word exactly when it is stored; the vector index holds it too
            JsonNode lexical = JSON.readTree(send(port, "GET", "/api/search?mode=lexical&k=5&q="
                    + URLEncoder.encode(marker(id), StandardCharsets.UTF_8), null).body());
            List<String> found = new ArrayList<>();
            lexical.get("results").forEach(r -> found.add(r.get("id").asText()));
            assertThat(found).as("BM25 for %s", id).isEqualTo(text == null ? List.of() : List.of(id));
            if (text != null) {
                HttpResponse<String> similar = send(port, "GET", "/api/papers/" + id + "/similar?k=1", null);
                assertThat(similar.statusCode()).as("similar to %s", id).isEqualTo(200);
            }
        }
        JsonNode health = JSON.readTree(send(port, "GET", "/health", null).body());
        assertThat(health.get("papers").asInt()).as("papers after round %d", round).isEqualTo(present + 1);
    }

    private Process start(Path dir, Path seed, int port) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx1g", "-jar", "target/simdex.jar", "serve",
                "--port", String.valueOf(port), "--corpus", seed.toString(),
                "--set", "store.path=" + dir.resolve("simdex.db"),
                "--set", "model.cache-dir=" + TestModels.MODEL_CACHE.toAbsolutePath()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
        builder.environment().put("SIMDEX_API_KEY", KEY);
        return builder.start();
    }

    private void awaitReady(Process service, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service exited during start-up").isTrue();
            try {
                if (send(port, "GET", "/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no answer on /health within 120 s");
    }

    private HttpResponse<String> send(int port, String method, String path, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + KEY);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(int writer, int i) {
        return "w" + writer + "-p" + i;
    }

    /** A word only this id's texts hold, so BM25 finds exactly its paper. */
    private static String marker(String id) {
        return "zq" + id.replace("-", "x") + "qz";
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
