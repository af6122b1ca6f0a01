package io.simdex.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.simdex.corpus.Source;
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
     * @param mode how the results were ranked, and so what their scores are: always set by {@code GET /api/search};
     *             null, and left out of the JSON, for {@code POST /api/similar}, whose scores are always cosines
     */
    public record Search(String query, @JsonInclude(JsonInclude.Include.NON_NULL) SearchMode mode, int k,
                         List<Match> results, long tookMs) {

        /** The answer of {@code POST /api/similar}, which ranks by cosine only. */
        public Search(String query, int k, List<Match> results, long tookMs) {
            this(query, null, k, results, tookMs);
        }
    }

    /** {@code GET /api/papers/{id}/similar}: the search shape, with the paper's id instead of a query. */
    public record Similar(String id, int k, List<Match> results, long tookMs) {
    }

    /** {@code POST /api/recommend}: the search shape, with the examples and strategy instead of a query. */
    public record Recommend(List<String> positive, List<String> negative, RecommendStrategy strategy, int k,
                            List<Match> results, long tookMs) {
    }

    /**
     * {@code GET /api/papers/{id}}.
     *
     * @param metadata the paper's other fields (year, authors, doi…) as they came; {@code {}} when it has none
     */
    public record Paper(String id, String title, @JsonProperty("abstract") String abstractText,
                        Map<String, Object> metadata, List<Source> sources, int tokens, int tokensEmbedded,
                        boolean truncated) {
    }

    /** {@code GET /health}. */
    public record Health(String status, int papers, String model, int dimension, int maxTokens) {
    }
}
