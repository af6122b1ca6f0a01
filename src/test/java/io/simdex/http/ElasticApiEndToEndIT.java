package io.simdex.http;

import org.junit.jupiter.api.BeforeAll;

import io.simdex.BundledElasticApp;

/**
 * {@link ApiEndToEndIT}, every test of it, with the collection in Elasticsearch: the bundled corpus seeded into a
 * new index of the test cluster on first start, then served through the same HTTP API. Skipped without a cluster
 * ({@link io.simdex.store.elastic.TestElasticsearch}).
 */
class ElasticApiEndToEndIT extends ApiEndToEndIT {

    @BeforeAll
    static void start() {
        startOn(BundledElasticApp.get(), BundledElasticApp.settings());
    }
}
