package io.simdex.store.elastic;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the Elasticsearch collection lives and how it is indexed: the {@code elasticsearch.*} settings, validated
 * on construction (each message names the setting by its key within {@code elasticsearch.*}).
 *
 * @param url           the cluster's HTTP address, {@code http://} or {@code https://} with host and port
 * @param index         the index holding the papers, their vectors and their BM25 terms
 * @param shards        primary shards of a new index, {@code >= 1}
 * @param replicas      replicas of each shard in a new index, {@code >= 0}
 * @param vectors       how the vectors are indexed, see {@link VectorIndexing}
 * @param apiKey        an API key (the encoded form Elasticsearch hands out), or empty
 * @param username      a user for basic authentication, or empty; with {@code password}
 * @param password      that user's password, or empty
 * @param caCertificate a PEM certificate (a CA's, or the cluster's own) to trust for {@code https}, or empty for
 *                      the JVM's trust store
 * @param knn           how hard a kNN search looks on an approximate index, see {@link Knn}
 */
public record ElasticOptions(URI url, String index, int shards, int replicas, VectorIndexing vectors,
                             Optional<String> apiKey, Optional<String> username, Optional<String> password,
                             Optional<Path> caCertificate, Knn knn) {

    /** The index when none is configured. */
    public static final String DEFAULT_INDEX = "simdex-papers";

    /** Elasticsearch's rules for index names, as far as simdex needs them: lower case, no path characters. */
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,254}");

    /** The {@code index_options.type} of the vector field: exact or approximate, float or int8. */
    public enum VectorIndexing {
        /** Every vector compared in float32 at query time: exact, as simdex's own index; 4 bytes a dimension. */
        FLAT("flat", true),
        /**
         * Every vector compared, in int8 (1 byte a dimension, float32 kept on disk): near-exact scores and order,
         * a quarter of the memory.
         */
        INT8_FLAT("int8_flat", false),
        /** An HNSW graph over int8 vectors: sub-linear, approximate; for collections too large to scan. */
        INT8_HNSW("int8_hnsw", false);

        private final String label;
        private final boolean exact;

        VectorIndexing(String label, boolean exact) {
            this.label = label;
            this.exact = exact;
        }

        /** The {@code index_options.type} Elasticsearch knows it by. */
        public String label() {
            return label;
        }

        /** Whether kNN answers are the exact float32 ones simdex's own index gives. */
        public boolean exact() {
            return exact;
        }

        /**
         * The type a setting names, case-insensitively.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static VectorIndexing parse(String value) {
            for (VectorIndexing type : values()) {
                if (type.label.equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
            throw new IllegalArgumentException("index-options must be flat, int8_flat or int8_hnsw, got '" + value
                    + "'");
        }
    }

    /**
     * How a kNN search trades latency for recall on the int8 index types ({@code flat} is exact, and ignores both):
     * the {@code elasticsearch.num-candidates} and {@code elasticsearch.oversample} settings.
     *
     * @param numCandidates candidates each shard gathers before the best {@code k} are kept, at least twice
     *                      {@code k} whatever this says; 1..{@value #MAX_CANDIDATES} (Elasticsearch's limit)
     * @param oversample    0 for none, or 1..10: the best {@code oversample × k} candidates by their int8 scores are
     *                      scored again with the float32 vectors, and the best {@code k} of those returned
     */
    public record Knn(int numCandidates, float oversample) {

        /** The most candidates Elasticsearch lets one shard gather. */
        public static final int MAX_CANDIDATES = 10_000;

        /**
         * The settings' defaults, chosen from the measurements in docs/BENCHMARKS.md: rescoring three times
         * {@code k} gave {@code int8_flat} the exact top 10 and {@code int8_hnsw} more recall per millisecond than
         * more candidates did.
         */
        public static final Knn DEFAULT = new Knn(100, 3f);

        public Knn {
            if (numCandidates < 1 || numCandidates > MAX_CANDIDATES) {
                throw new IllegalArgumentException("num-candidates must be 1.." + MAX_CANDIDATES + ", got "
                        + numCandidates);
            }
            if (!(oversample == 0f || (oversample >= 1f && oversample <= 10f))) {
                throw new IllegalArgumentException("oversample must be 0 (off) or between 1 and 10, got "
                        + oversample);
            }
        }

        /** The candidates a shard gathers for {@code k} hits: this setting, at least {@code 2k}, at most the limit. */
        public int candidates(int k) {
            return Math.min(MAX_CANDIDATES, Math.max(numCandidates, 2 * k));
        }
    }

    public ElasticOptions {
        if (url == null || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("url must be http://HOST:PORT or https://HOST:PORT, got '" + url
                    + "'");
        }
        if (index == null || !INDEX_NAME.matcher(index).matches()) {
            throw new IllegalArgumentException("index must be a lower-case Elasticsearch index name such as "
                    + DEFAULT_INDEX + ", got '" + index + "'");
        }
        if (shards < 1 || shards > 1024) {
            throw new IllegalArgumentException("shards must be 1..1024, got " + shards);
        }
        if (replicas < 0 || replicas > 64) {
            throw new IllegalArgumentException("replicas must be 0..64, got " + replicas);
        }
        if (vectors == null) {
            throw new IllegalArgumentException("index-options must be flat, int8_flat or int8_hnsw, got nothing");
        }
        apiKey = apiKey.filter(key -> !key.isBlank());
        username = username.filter(user -> !user.isBlank());
        password = password.filter(secret -> !secret.isEmpty());
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("username and elasticsearch.password go together; set both or"
                    + " neither");
        }
        if (apiKey.isPresent() && username.isPresent()) {
            throw new IllegalArgumentException("api-key and elasticsearch.username are two ways to sign in; set one");
        }
        if (knn == null) {
            throw new IllegalArgumentException("num-candidates and elasticsearch.oversample must be set");
        }
        if (caCertificate.isPresent() && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("ca-certificate is for an https url, but elasticsearch.url is " + url);
        }
    }

    /**
     * Parses a cluster address as a setting gives it.
     *
     * @throws IllegalArgumentException naming the setting
     */
    public static URI url(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getPort() < 0 && uri.getHost() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), 9200, uri.getPath(), null, null);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url must be http://HOST:PORT or https://HOST:PORT, got '" + value
                    + "'", e);
        }
    }

    /**
     * Options for a new index on {@code url} as the settings' defaults make it: one shard, no replica, exact
     * vectors, no sign-in.
     */
    public static ElasticOptions local(URI url, String index) {
        return new ElasticOptions(url, index, 1, 0, VectorIndexing.FLAT, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Knn.DEFAULT);
    }

    /** These options with other kNN search settings (they change no index). */
    public ElasticOptions withKnn(Knn other) {
        return new ElasticOptions(url, index, shards, replicas, vectors, apiKey, username, password, caCertificate,
                other);
    }

    /** The settings without their secrets, for logs and errors. */
    @Override
    public String toString() {
        return "ElasticOptions[url=" + url + ", index=" + index + ", shards=" + shards + ", replicas=" + replicas
                + ", index-options=" + vectors.label() + ", num-candidates=" + knn.numCandidates() + ", oversample="
                + knn.oversample() + ", auth=" + (apiKey.isPresent() ? "api-key"
                : username.isPresent() ? "basic" : "none") + "]";
    }
}
