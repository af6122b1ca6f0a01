package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.App;
import io.simdex.TestModels;
import io.simdex.config.SettingsLoader;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.JsonlCorpusWriter;
import io.simdex.corpus.Paper;
import io.simdex.store.elastic.TestElasticCluster;
import io.simdex.store.elastic.TestElasticsearch;

import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Elasticsearch backend on a cluster of two nodes ({@link TestElasticCluster}): simdex serves from node 1 an
 * index with one replica, so each node holds a copy of every paper; once node 2 stops, search, similar papers and
 * paper reads still answer, and answer the same. The first 60 bundled papers keep the encoding short. It stops a
 * node of the cluster it is given, so it runs once per cluster.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ElasticClusterIT {

    private static final int PAPERS = 60;

    @TempDir
    Path dir;

    @Test
    void reads_answer_the_same_after_the_second_node_stops() throws Exception {
        // given
        var cluster = TestElasticCluster.fromEnvironment();
        List<Paper> papers = CorpusLoader.load(CorpusLoader.BUNDLED).papers().subList(0, PAPERS);
        Path corpus = dir.resolve("papers.jsonl");
        try (Writer out = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
            JsonlCorpusWriter.write(papers, out);
        }
        String index = TestElasticsearch.uniqueIndex("two-nodes");
        var settings = SettingsLoader.load(Path.of("config", "simdex.yaml"), Map.of(), Map.of(
                "model.cache-dir", TestModels.MODEL_CACHE.toString(),
                "store.backend", "elasticsearch",
                "elasticsearch.url", cluster.node(1).toString(),
                "elasticsearch.index", index,
                "elasticsearch.replicas", "1",
                "corpus.path", corpus.toString()));
        try (App app = App.build(settings)) {
            var http = new TestHttp(app.server());
            try {
                cluster.awaitHealth(index, "green", 2);
                assertThat(new HashSet<>(cluster.shardNodes(index))).as("nodes holding a copy").hasSize(2);
                Paper paper = papers.get(7);
                Reads before = reads(http, paper);
                assertThat(before.search().findValuesAsText("id")).contains(paper.id());

                // when
                cluster.stopNode(2);
                cluster.awaitHealth(index, "yellow", 1);

                // then
                assertThat(http.get("/readyz").status()).isEqualTo(200);
                Reads after = reads(http, paper);
                assertThat(after.search().findValuesAsText("id")).isEqualTo(before.search().findValuesAsText("id"));
                assertThat(after.similar().findValuesAsText("id"))
                        .isEqualTo(before.similar().findValuesAsText("id"));
                assertThat(after.paper()).isEqualTo(before.paper());
                assertThat(http.get("/health").json().get("papers").asInt()).isEqualTo(PAPERS);
            } finally {
                http.close();
            }
        }
    }

    /** What the reads answer for one paper: the results of a search by its title and of similar papers, and it. */
    private record Reads(JsonNode search, JsonNode similar, JsonNode paper) {
    }

    private static Reads reads(TestHttp http, Paper paper) {
        var search = http.get("/api/search?k=5&q=" + URLEncoder.encode(paper.title(), StandardCharsets.UTF_8));
        var similar = http.get("/api/papers/" + paper.id() + "/similar?k=5");
        var got = http.get("/api/papers/" + paper.id());
        assertThat(List.of(search.status(), similar.status(), got.status()))
                .as("search, similar, get: %s %s %s", search.body(), similar.body(), got.body())
                .containsOnly(200);
        return new Reads(search.json().get("results"), similar.json().get("results"), got.json());
    }
}
