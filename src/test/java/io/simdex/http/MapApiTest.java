package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.BundledPapers;
import io.simdex.corpus.Paper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/map} over a writable collection: the map follows writes, and bad requests are told why. */
class MapApiTest {

    private static final List<Paper> PAPERS = BundledPapers.all().subList(0, 60);

    @TempDir
    Path dir;

    private WritableApi api;
    private TestHttp http;

    @BeforeEach
    void start() {
        api = WritableApi.start(dir, PAPERS);
        http = api.http();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_map_has_one_point_per_paper_and_its_clusters() {
        var reply = http.get("/api/map");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode map = reply.json();
        assertThat(map.get("method").asText()).isEqualTo("pca");
        assertThat(map.get("papers").asInt()).isEqualTo(PAPERS.size());
        assertThat(map.get("version").isIntegralNumber()).isTrue();
        assertThat(map.get("took_ms").asLong()).isNotNegative();
        assertThat(ids(map)).containsExactlyElementsOf(PAPERS.stream().map(Paper::id).sorted().toList());
        JsonNode points = map.get("points");
        assertThat(points.fieldNames()).toIterable().containsExactly("id", "x", "y", "cluster");
        for (String column : List.of("x", "y", "cluster")) {
            assertThat(points.get(column)).as(column).hasSize(PAPERS.size());
        }
        assertThat(points.get("x").get(0).isNumber()).isTrue();
        assertThat(points.get("cluster").get(0).isIntegralNumber()).isTrue();
        // about an id and 20 bytes per paper: no titles, short numbers
        int idBytes = PAPERS.stream().mapToInt(paper -> paper.id().length() + 3).sum();
        assertThat(reply.body().length()).isLessThan(idBytes + 24 * PAPERS.size() + 4_096);
        JsonNode cluster = map.get("clusters").get(0);
        assertThat(cluster.fieldNames()).toIterable().containsExactly("id", "label", "size", "x", "y");
        int sizes = 0;
        for (JsonNode c : map.get("clusters")) {
            sizes += c.get("size").asInt();
            assertThat(c.get("label").asText()).isNotBlank();
        }
        assertThat(sizes).isEqualTo(PAPERS.size());
    }

    @Test
    void a_write_gives_a_new_version_with_the_paper_and_a_delete_takes_it_away() {
        JsonNode before = http.get("/api/map").json();

        var put = http.send("PUT", "/api/papers/zz-added", "{\"title\": \"Sparse attention\", \"abstract\":"
                + " \"We study sparse attention.\"}", WritableApi.AUTH);
        assertThat(put.status()).isEqualTo(201);
        JsonNode after = http.get("/api/map").json();

        assertThat(after.get("version").asLong()).isGreaterThan(before.get("version").asLong());
        assertThat(ids(after)).contains("zz-added").hasSize(PAPERS.size() + 1);

        assertThat(http.send("DELETE", "/api/papers/zz-added", null, WritableApi.AUTH).status()).isEqualTo(204);
        JsonNode deleted = http.get("/api/map").json();

        assertThat(deleted.get("version").asLong()).isGreaterThan(after.get("version").asLong());
        assertThat(ids(deleted)).doesNotContain("zz-added");
        assertThat(deleted.get("points")).isEqualTo(before.get("points"));
    }

    @Test
    void the_map_is_sent_gzipped_to_a_client_that_accepts_it() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + http.port()
                + "/api/map")).header("Accept-Encoding", "gzip").build();

        var reply = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (var unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(reply.body()))) {
            JsonNode map = new com.fasterxml.jackson.databind.ObjectMapper().readTree(unzipped);
            assertThat(map.get("points").get("id")).hasSize(PAPERS.size());
        }
    }

    @Test
    void a_query_parameter_is_refused_saying_the_map_takes_none() {
        var reply = http.get("/api/map?k=5");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(reply.json().get("detail").asText()).contains("'k'");
    }

    @Test
    void a_server_still_loading_answers_503() {
        try (var loading = new TestHttp(HttpApi.starting(HttpOptions.defaults(), 10, true).javalin())) {
            var reply = loading.get("/api/map");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private static List<String> ids(JsonNode map) {
        var ids = new ArrayList<String>();
        map.get("points").get("id").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
