package io.simdex.store.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The cluster of several nodes the two-node test runs against, named by the environment:
 * {@value #URLS_VARIABLE} (the nodes' addresses, comma-separated, node 1 first) and {@value #CONTROL_VARIABLE} (a
 * shell command to which {@code stop-node I} is appended, such as {@code .ci/elasticsearch --state FILE}).
 * {@code .ci/run} starts the cluster with {@code .ci/elasticsearch start --nodes 2} and exports both. Without them
 * the test is skipped, unless {@link TestElasticsearch#REQUIRED_VARIABLE}{@code =1}, when it fails.
 *
 * @param nodes   the nodes' HTTP addresses, node 1 first
 * @param control the command that stops a node
 */
public record TestElasticCluster(List<URI> nodes, String control) {

    /** The nodes' addresses, comma-separated. */
    public static final String URLS_VARIABLE = "SIMDEX_IT_ELASTICSEARCH_CLUSTER_URLS";
    /** The command that stops a node when {@code stop-node I} is appended. */
    public static final String CONTROL_VARIABLE = "SIMDEX_IT_ELASTICSEARCH_CONTROL";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The cluster the environment names; skips (or, when required, fails) the calling test without one. */
    public static TestElasticCluster fromEnvironment() {
        String urls = System.getenv(URLS_VARIABLE);
        String control = System.getenv(CONTROL_VARIABLE);
        if (urls == null || urls.isBlank() || control == null || control.isBlank()) {
            String missing = URLS_VARIABLE + " and " + CONTROL_VARIABLE + " are not both set";
            if ("1".equals(System.getenv(TestElasticsearch.REQUIRED_VARIABLE))) {
                fail(TestElasticsearch.REQUIRED_VARIABLE + "=1 but " + missing + ": start a cluster with"
                        + " .ci/elasticsearch start --nodes 2 and export them (docs/TESTING.md)");
            }
            assumeTrue(false, missing + ": no cluster of several nodes to test against");
        }
        List<URI> nodes = Arrays.stream(urls.split(",")).map(String::trim).map(ElasticOptions::url).toList();
        return new TestElasticCluster(nodes, control);
    }

    /** Node {@code i} (1-based)'s address. */
    public URI node(int i) {
        return nodes.get(i - 1);
    }

    /**
     * Waits until {@code index} is at least {@code status} ({@code green}: every copy assigned; {@code yellow}: every
     * primary) on a cluster of exactly {@code nodes} nodes, at most 60 s, and fails otherwise.
     */
    public void awaitHealth(String index, String status, int nodes) {
        JsonNode health = get("/_cluster/health/" + index + "?wait_for_status=" + status + "&wait_for_nodes=" + nodes
                + "&timeout=60s");
        assertThat(health.path("timed_out").asBoolean(true)).as("health of %s: %s", index, health).isFalse();
    }

    /** The names of the nodes holding a copy of {@code index}, one entry per shard copy. */
    public List<String> shardNodes(String index) {
        JsonNode shards = get("/_cat/shards/" + index + "?format=json&h=node,prirep,state");
        return StreamSupport.stream(shards.spliterator(), false)
                .map(s -> s.path("node").asText()).toList();
    }

    /** Runs the control command with {@code stop-node i}, at most 60 s, and fails unless it succeeds. */
    public void stopNode(int i) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", control + " stop-node " + i).redirectErrorStream(true)
                .start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
            fail("stopping node " + i + " took over 60 s: " + output);
        }
        assertThat(process.exitValue()).as("%s stop-node %d: %s", control, i, output).isZero();
    }

    private JsonNode get(String pathAndQuery) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(node(1).resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(90)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " on " + node(1) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
