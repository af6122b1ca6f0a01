package io.simdex.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.simdex.dedup.Band;
import io.simdex.dedup.DuplicateMatch;
import io.simdex.search.Explanation;
import io.simdex.search.Match;
import io.simdex.search.RecommendStrategy;
import io.simdex.search.SearchMode;

/**
 * The one JSON configuration of simdex's answers, for HTTP and the command line alike: snake_case field names,
 * enums by their labels, explanations only when asked for. Service records are written as they are, shaped by
 * the mix-ins below, so the services carry no JSON annotations and every rule of the wire format is here.
 */
public final class ApiJson {

    private ApiJson() {
    }

    /** A new mapper with simdex's conventions. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addMixIn(Match.class, MatchOnRequest.class)
                .addMixIn(DuplicateMatch.class, ExplainedOnRequest.class)
                .addMixIn(SearchMode.class, ByLabel.class)
                .addMixIn(RecommendStrategy.class, ByLabel.class)
                .addMixIn(Band.class, ByLabel.class)
                .build();
    }

    /** A match's {@code explanation} is left out, not null, when the caller did not ask for it. */
    private abstract static class ExplainedOnRequest {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Explanation explanation();
    }

    /**
     * A match's {@code explanation}, {@code metadata} and {@code duplicate} are left out when the caller did not
     * ask for them (or, for {@code duplicate}, when the match duplicates nothing).
     */
    private abstract static class MatchOnRequest extends ExplainedOnRequest {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract java.util.Map<String, Object> metadata();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String duplicate();
    }

    /** An enum is written as its label ({@code near_duplicate}, {@code hybrid}), as requests name it. */
    private abstract static class ByLabel {
        @JsonValue
        abstract String label();
    }
}
