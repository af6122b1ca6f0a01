package io.simdex.archfixtures;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import java.io.IOException;

/**
 * Breaks a rule on purpose: the Elasticsearch client outside the store. Only {@code ArchitectureRulesTest} looks at
 * it.
 */
public final class UsesElasticsearch {

    /** The forbidden dependency. */
    public boolean answers(ElasticsearchClient client) throws IOException {
        return client.ping().value();
    }
}
