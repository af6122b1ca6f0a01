package io.simdex.store.elastic;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Elasticsearch cluster the integration tests run against, named by the environment: {@value #URL_VARIABLE}
 * (e.g. {@code http://127.0.0.1:9250}, which {@code .ci/run} exports after starting one). Without it the tests that
 * need a cluster are skipped, unless {@value #REQUIRED_VARIABLE}{@code =1} says a cluster must be there, when they
 * fail. Each test gets indexes of its own, deleted by {@link #deleteIndexes()}.
 */
public final class TestElasticsearch {

    /** The cluster's address. */
    public static final String URL_VARIABLE = "SIMDEX_IT_ELASTICSEARCH_URL";
    /** {@code 1}: a missing cluster fails the tests instead of skipping them. */
    public static final String REQUIRED_VARIABLE = "SIMDEX_IT_ELASTICSEARCH_REQUIRED";

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final List<ElasticOptions> CREATED = new ArrayList<>();

    private TestElasticsearch() {
    }

    /** The cluster's address; skips (or, when required, fails) the calling test when none is configured. */
    public static URI url() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv(REQUIRED_VARIABLE))) {
                fail(REQUIRED_VARIABLE + "=1 but " + URL_VARIABLE + " is not set: start Elasticsearch and export"
                        + " its address");
            }
            assumeTrue(false, URL_VARIABLE + " is not set: no Elasticsearch to test against");
        }
        return ElasticOptions.url(url);
    }

    /** A new index name, unique to this JVM run: {@code simdex-it-<run>-<n>-<label>}. */
    public static String uniqueIndex(String label) {
        return "simdex-it-" + RUN + "-" + NEXT.incrementAndGet() + "-" + label.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-");
    }

    /** Options for a new index on the test cluster (exact vectors), remembered for {@link #deleteIndexes()}. */
    public static synchronized ElasticOptions options(String label) {
        return remember(ElasticOptions.local(url(), uniqueIndex(label)));
    }

    /** Remembers an index a test creates by other options, so {@link #deleteIndexes()} deletes it too. */
    public static synchronized ElasticOptions remember(ElasticOptions options) {
        CREATED.add(options);
        return options;
    }

    /** Deletes every index {@link #options} handed out. */
    public static synchronized void deleteIndexes() {
        for (ElasticOptions options : CREATED) {
            delete(options);
        }
        CREATED.clear();
    }

    private static void delete(ElasticOptions options) {
        try {
            var client = Connection.client(options);
            client.indices().delete(d -> d.index(options.index()).ignoreUnavailable(true));
            client._transport().close();
        } catch (Exception e) {
            // a test index left behind is harmless: its name is unique to its run
        }
    }
}
