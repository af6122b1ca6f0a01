package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.simdex.FakeEncoder;
import io.simdex.SyntheticPapers;
import io.simdex.corpus.Corpus;
import io.simdex.dedup.DuplicateService;
import io.simdex.index.IndexOptions;
import io.simdex.ingest.ElasticCollection;
import io.simdex.search.SearchService;
import io.simdex.store.elastic.ElasticOptions;
import io.simdex.store.elastic.ElasticStore;
import io.simdex.store.elastic.TcpRelay;
import io.simdex.store.elastic.TestElasticsearch;

import java.net.URI;
import java.util.List;

/**
 * The API over an Elasticsearch collection whose cluster goes away while it serves (a relay in front of the test
 * cluster is cut): {@code /readyz} and every request that needs the cluster answer 503 problems, never 500, and
 * answer again by themselves once the cluster is back.
 */
class ElasticOutageIT {

    @AfterAll
    static void deleteIndexes() {
        TestElasticsearch.deleteIndexes();
    }

    @Test
    void a_lost_cluster_is_a_503_and_its_return_needs_nothing() {
        URI cluster = TestElasticsearch.url();
        try (var relay = new TcpRelay(cluster.getHost(), cluster.getPort())) {
            ElasticOptions options = TestElasticsearch.remember(ElasticOptions.local(
                    URI.create("http://127.0.0.1:" + relay.port()), TestElasticsearch.uniqueIndex("outage")));
            var encoder = new FakeEncoder();
            try (var store = ElasticStore.open(options, encoder.modelId(), encoder.dimension())) {
                var collection = ElasticCollection.open(store, encoder, IndexOptions.defaults(), "synthetic",
                        () -> new Corpus(SyntheticPapers.of(20), List.of()));
                var http = new TestHttp(HttpApi.create(new SearchService(collection.indexed(), encoder),
                        new DuplicateService(collection.indexed(), encoder), collection,
                        new HttpOptions(100, 4096)));
                try {
                    assertThat(http.get("/readyz").status()).isEqualTo(200);
                    assertThat(http.get("/api/search?q=topicawordb&mode=hybrid").status()).isEqualTo(200);

                    relay.cut();
                    http.get("/readyz").assertProblem(503);
                    http.get("/api/search?q=topicawordb&mode=hybrid").assertProblem(503);
                    http.get("/api/papers/paper-0000001").assertProblem(503);
                    http.get("/api/papers/paper-0000001/similar").assertProblem(503);

                    relay.restore();
                    assertThat(http.get("/readyz").status()).isEqualTo(200);
                    assertThat(http.get("/api/papers/paper-0000001/similar?k=3").json().get("results")).hasSize(3);
                } finally {
                    http.close();
                }
            }
        }
    }
}
