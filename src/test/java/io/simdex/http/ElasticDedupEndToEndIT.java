package io.simdex.http;

import org.junit.jupiter.api.BeforeAll;

import io.simdex.BundledElasticApp;

/**
 * {@link DedupEndToEndIT}, every test of it, with the collection in Elasticsearch: the duplicate check asks the
 * cluster's kNN, the cluster scan streams every vector into the local exact pair scan, and the command line opens
 * the same index. Skipped without a cluster ({@link io.simdex.store.elastic.TestElasticsearch}).
 */
class ElasticDedupEndToEndIT extends DedupEndToEndIT {

    @BeforeAll
    static void start() {
        startOn(BundledElasticApp.get(), BundledElasticApp.cliFlags());
    }
}
