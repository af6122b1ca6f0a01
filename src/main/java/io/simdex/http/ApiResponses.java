package io.simdex.http;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.simdex.corpus.Source;
import io.simdex.search.Match;

import java.util.List;

/** The JSON bodies of successful responses; field names are part of the API and must not drift. */
final class ApiResponses {

    private ApiResponses() {
    }

    /** {@code GET /api/search}. */
    record Search(String query, int k, List<Match> results, long tookMs) {
    }

    /** {@code GET /api/papers/{id}/similar}: the search shape, with the paper's id instead of a query. */
    record Similar(String id, int k, List<Match> results, long tookMs) {
    }

    /** {@code GET /api/papers/{id}}. */
    record Paper(String id, String title, @JsonProperty("abstract") String abstractText, List<Source> sources,
                 int tokens, int tokensEmbedded, boolean truncated) {
    }

    /** {@code GET /health}. */
    record Health(String status, int papers, String model, int dimension, int maxTokens) {
    }
}
