package io.simdex.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.simdex.dedup.Band;
import io.simdex.dedup.DuplicateCheck;
import io.simdex.dedup.DuplicateMatch;
import io.simdex.search.Explanation;
import io.simdex.search.Match;
import io.simdex.search.RecommendStrategy;
import io.simdex.search.SearchMode;

import java.util.List;

/** The wire format of the service records, which carry no JSON annotations of their own. */
class ApiJsonTest {

    private final ObjectMapper mapper = ApiJson.mapper();

    @Test
    void a_match_leaves_out_its_explanation_unless_it_has_one() throws Exception {
        var plain = new Match("p-1", "A title", 0.5f, 1);
        var explained = plain.explained(new Explanation("We fold.", "They fold.", 0.9f));

        assertThat(mapper.writeValueAsString(plain))
                .isEqualTo("{\"id\":\"p-1\",\"title\":\"A title\",\"score\":0.5,\"rank\":1}");
        assertThat(mapper.writeValueAsString(explained)).contains(
                "\"explanation\":{\"query_sentence\":\"We fold.\",\"match_sentence\":\"They fold.\",\"score\":0.9}");
    }

    @Test
    void enums_are_written_by_their_labels() throws Exception {
        assertThat(mapper.writeValueAsString(List.of(SearchMode.HYBRID, RecommendStrategy.BEST_SCORE,
                Band.NEAR_DUPLICATE))).isEqualTo("[\"hybrid\",\"best_score\",\"near_duplicate\"]");
    }

    @Test
    void a_duplicate_check_uses_snake_case_and_labels() throws Exception {
        var check = new DuplicateCheck(Band.DUPLICATE,
                List.of(new DuplicateMatch("p-1", "A title", 0.99f, Band.DUPLICATE, 0.8f, 0.9f, 0.75f, null, null)), 12);

        assertThat(mapper.writeValueAsString(check)).isEqualTo("{\"verdict\":\"duplicate\",\"matches\":[{\"id\":"
                + "\"p-1\",\"title\":\"A title\",\"score\":0.99,\"band\":\"duplicate\",\"token_jaccard\":0.8,"
                + "\"shingle_containment\":0.9,\"aligned_sentences\":0.75,\"shared_specifics\":null}],\"took_ms\":12}");
    }
}
