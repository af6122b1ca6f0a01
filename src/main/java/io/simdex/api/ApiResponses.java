package io.simdex.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.simdex.corpus.Source;
import io.simdex.map.CorpusMapView;
import io.simdex.map.MapCluster;
import io.simdex.map.MapPoint;
import io.simdex.search.Match;
import io.simdex.search.RecommendStrategy;
import io.simdex.search.SearchMode;

import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of successful responses, shared by the HTTP API and the command line so both print the
 * same; field names are part of the API and must not drift. Duplicate checks and clusters answer with the
 * service's own records ({@link io.simdex.dedup.DuplicateCheck}, {@link io.simdex.dedup.DuplicateClusters}).
 */
public final class ApiResponses {

    private ApiResponses() {
    }

    /**
     * {@code GET /api/search}, and {@code POST /api/similar}.
     *
     * @param mode   how the results were ranked, and so what their scores are: always set by {@code GET /api/search};
     *               null, and left out of the JSON, for {@code POST /api/similar}, whose scores are always cosines
     * @param offset how many of the best results were skipped ({@code offset}); left out of the JSON when 0
     * @param exact  false when the ranking by meaning came from an approximate index (Elasticsearch
     *               {@code int8_flat} or {@code int8_hnsw}), so it may differ from the exact one; null, and left out
     *               of the JSON, when it is exact
     */
    public record Search(String query, @JsonInclude(JsonInclude.Include.NON_NULL) SearchMode mode, int k,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) int offset, List<Match> results,
                         long tookMs, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean exact) {

        /** An answer whose ranking is exact. */
        public Search(String query, SearchMode mode, int k, int offset, List<Match> results, long tookMs) {
            this(query, mode, k, offset, results, tookMs, null);
        }

        /** The answer of {@code POST /api/similar}, which ranks by cosine only. */
        public Search(String query, int k, List<Match> results, long tookMs) {
            this(query, null, k, 0, results, tookMs);
        }
    }

    /**
     * {@code GET /api/papers/{id}/similar}: the search shape, with the paper's id instead of a query.
     *
     * @param exact as for {@link Search}
     */
    public record Similar(String id, int k, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int offset,
                          List<Match> results, long tookMs, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean exact) {

        /** An answer whose ranking is exact. */
        public Similar(String id, int k, int offset, List<Match> results, long tookMs) {
            this(id, k, offset, results, tookMs, null);
        }
    }

    /**
     * {@code POST /api/recommend}: the search shape, with the examples and strategy instead of a query.
     *
     * @param exact as for {@link Search}
     */
    public record Recommend(List<String> positive, List<String> negative, RecommendStrategy strategy, int k,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) int offset, List<Match> results,
                            long tookMs, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean exact) {

        /** An answer whose ranking is exact. */
        public Recommend(List<String> positive, List<String> negative, RecommendStrategy strategy, int k,
                int offset, List<Match> results, long tookMs) {
            this(positive, negative, strategy, k, offset, results, tookMs, null);
        }
    }

    /** {@code POST /api/search/_batch}: one search answer per query, in the order asked. */
    public record SearchBatch(List<Search> answers, long tookMs) {
    }

    /**
     * {@code GET /api/papers/{id}}.
     *
     * @param metadata the paper's other fields (year, authors, doi…) as they came; {@code {}} when it has none
     */
    public record Paper(String id, String title, @JsonProperty("abstract") String abstractText,
                        Map<String, Object> metadata, List<Source> sources, int tokens, int tokensEmbedded,
                        boolean truncated, @JsonInclude(JsonInclude.Include.NON_NULL) Long version) {
    }

    /**
     * A write's answer ({@code PUT /api/papers/{id}}, and each item of a bulk write): the paper as now stored.
     *
     * @param result  {@code created}, {@code replaced}, or {@code unchanged} when the collection held exactly this
     * @param version the paper's version, for {@code If-Match}: 1 when created, one more on every change
     */
    public record Written(String id, String result, long version, String title,
                          @JsonProperty("abstract") String abstractText, Map<String, Object> metadata,
                          String createdAt, String updatedAt) {
    }

    /**
     * {@code POST /api/papers/_bulk}: one result per item, in order, as Elasticsearch's {@code _bulk} gives them.
     *
     * @param errors whether any item failed; failed items carry a status of 400, 409 or 412 and an error
     */
    public record Bulk(int items, boolean errors, List<BulkItem> results, long tookMs) {
    }

    /**
     * One item of a bulk write.
     *
     * @param position the item's line (NDJSON) or 1-based place (JSON array)
     * @param status   the HTTP status it would have had alone: 201, 200, 400, 409 or 412
     * @param result   {@code created}, {@code replaced} or {@code unchanged}; absent when it failed
     * @param version  its version after the write; absent when it failed
     * @param error    what is wrong with it, and how to fix it; absent when it was stored
     */
    public record BulkItem(int position, @JsonInclude(JsonInclude.Include.NON_NULL) String id, int status,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String result,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long version,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    }

    /** {@code POST /api/snapshots}: where the consistent copy of the store was written, and its checksum file. */
    public record Snapshot(String path, String checksumPath, long bytes, long tookMs) {
    }

    /** {@code GET /health}. */
    public record Health(String status, int papers, String model, int dimension, int maxTokens) {
    }

    /**
     * {@code POST /v1/embeddings}, in the shape of OpenAI's embeddings API.
     *
     * @param object always {@code list}
     * @param data   one vector per input, in input order
     * @param model  the model that embedded them, as {@code GET /health} names it
     */
    public record Embeddings(String object, List<EmbeddingItem> data, String model, EmbeddingUsage usage) {

        /** The answer for these vectors. */
        public Embeddings(List<EmbeddingItem> data, String model, EmbeddingUsage usage) {
            this("list", data, model, usage);
        }
    }

    /**
     * One vector of {@link Embeddings}.
     *
     * @param object    always {@code embedding}
     * @param index     the input's place in the request, from 0
     * @param embedding the vector as an array of numbers, or (with {@code "encoding_format": "base64"}) the base64 of
     *                  its float32 values, little-endian
     */
    public record EmbeddingItem(String object, int index, Object embedding) {

        /** The item for one input's vector. */
        public EmbeddingItem(int index, Object embedding) {
            this("embedding", index, embedding);
        }
    }

    /**
     * The model tokens of a {@code POST /v1/embeddings} request: every input's full length, [CLS] and [SEP]
     * included, also for an input longer than the model's budget.
     */
    public record EmbeddingUsage(int promptTokens, int totalTokens) {
    }

    /**
     * {@code GET /api/map}: every paper placed in 2-D, coloured by cluster; the points in columns, so a paper costs
     * its id and three numbers, and no titles (a client asks for the few it shows).
     *
     * @param method  how papers were placed: {@code pca}
     * @param papers  how many points there are
     * @param version the collection's change count the map was computed at; a new one means a new map
     * @param points  one entry per paper in each column, sorted by id
     * @param tookMs  this request's time: near 0 when the map was computed before, the computation's otherwise
     */
    public record CorpusMap(String method, int papers, long version, MapColumns points, List<MapCluster> clusters,
                            long tookMs) {

        /** The answer for {@code map}, which took {@code tookMs} to get. */
        public static CorpusMap of(CorpusMapView map, long tookMs) {
            int n = map.papers();
            var ids = new String[n];
            var x = new float[n];
            var y = new float[n];
            var cluster = new int[n];
            for (int i = 0; i < n; i++) {
                MapPoint point = map.points().get(i);
                ids[i] = point.id();
                x[i] = point.x();
                y[i] = point.y();
                cluster[i] = point.cluster();
            }
            return new CorpusMap(map.method(), n, map.version(), new MapColumns(List.of(ids), x, y, cluster),
                    map.clusters(), tookMs);
        }
    }

    /**
     * The points of {@link CorpusMap} as columns: the i-th paper is {@code id[i]} at ({@code x[i]}, {@code y[i]}) in
     * cluster {@code cluster[i]}.
     */
    public record MapColumns(List<String> id, float[] x, float[] y, int[] cluster) {
    }
}
