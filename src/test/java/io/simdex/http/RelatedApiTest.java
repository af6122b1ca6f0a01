package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.dedup.DedupOptions;
import io.simdex.dedup.DuplicateBands;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.search.SearchOptions;
import io.simdex.search.SearchService;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The related-paper and duplicate endpoints over a small corpus and the deterministic fake encoder: shapes,
 * filters, strategies, verdicts, clusters, and a 400 problem for every kind of bad input.
 */
class RelatedApiTest {

    private static final int MAX_K = 8;
    private static final int MAX_TEXT_CHARS = 400;
    private static final int MAX_EXAMPLES = 4;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        var papers = new ArrayList<>(TopicPapers.papers(topic -> "We study " + topic + ". We report results on "
                + topic + " benchmarks.", i -> List.of()));
        // the same work as paper-1 under another title: the fake encoder scores it close to paper-1
        papers.add(new Paper("paper-1-copy", "Protein folding advances",
                "We study protein folding. We report results on protein folding benchmarks.", List.of()));
        var encoder = new FakeEncoder(64);
        var indexed = CorpusIndexer.index(new Corpus(papers, List.of()), encoder);
        var dedup = new DedupOptions(new DuplicateBands(0.95f, 0.8f, 0.3f, 0.9f), 3, 1_000);
        http = new TestHttp(HttpApi.create(new SearchService(indexed, encoder), new DuplicateService(indexed, encoder, dedup),
                new HttpOptions(MAX_K, 100, MAX_TEXT_CHARS, MAX_EXAMPLES)));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void similar_text_answers_in_the_search_shape() {
        var reply = http.post("/api/similar", "{\"text\": \"protein folding benchmarks\", \"k\": 3}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("query").asText()).isEqualTo("protein folding benchmarks");
        assertThat(reply.json().get("k").asInt()).isEqualTo(3);
        assertThat(reply.json().get("took_ms").isIntegralNumber()).isTrue();
        assertThat(ids(reply.json())).hasSize(3).first().isIn("paper-1", "paper-1-copy");
    }

    @Test
    void similar_text_takes_a_title_and_abstract_joined_like_a_paper() {
        var reply = http.post("/api/similar", "{\"title\": \"Advances in speech recognition\", "
                + "\"abstract\": \"We study speech recognition.\", \"k\": 1}");

        assertThat(reply.json().get("query").asText())
                .isEqualTo("Advances in speech recognition. We study speech recognition.");
        assertThat(ids(reply.json())).containsExactly("paper-2");
    }

    @Test
    void exclude_and_max_score_skip_papers_on_every_ranked_endpoint() {
        var all = ids(http.get("/api/papers/paper-1/similar?k=3&duplicates=include").json());
        assertThat(all.get(0)).isEqualTo("paper-1-copy");

        var excluded = http.get("/api/papers/paper-1/similar?k=3&duplicates=include&exclude=paper-1-copy,%20paper-0");
        assertThat(ids(excluded.json())).doesNotContain("paper-1-copy", "paper-0").hasSize(3);

        double top = http.get("/api/papers/paper-1/similar?k=1&duplicates=include").json().get("results").get(0)
                .get("score").asDouble();
        var capped = http.get("/api/papers/paper-1/similar?k=3&duplicates=include&max_score=" + (top - 0.01));
        assertThat(ids(capped.json())).doesNotContain("paper-1-copy").hasSize(3);

        var search = http.get("/api/search?q=protein+folding&k=8&mode=vector&exclude=paper-1&max_score=0.99");
        assertThat(ids(search.json())).doesNotContain("paper-1");
        search.json().get("results").forEach(r -> assertThat(r.get("score").asDouble()).isLessThanOrEqualTo(0.99));

        var posted = http.post("/api/similar", "{\"text\": \"protein folding\", \"exclude\": [\"paper-1\"]}");
        assertThat(ids(posted.json())).doesNotContain("paper-1");
    }

    @Test
    void explain_adds_the_best_sentence_pair_to_each_match() {
        var reply = http.get("/api/papers/paper-1/similar?k=2&explain=true&duplicates=include");

        JsonNode first = reply.json().get("results").get(0);
        JsonNode why = first.get("explanation");
        assertThat(why.get("query_sentence").asText()).contains("protein folding");
        assertThat(why.get("match_sentence").asText()).contains("protein folding");
        assertThat(why.get("score").asDouble()).isBetween(0.5, 1.0001);
        assertThat(http.get("/api/papers/paper-1/similar?k=2").json().get("results").get(0).has("explanation"))
                .isFalse();

        var posted = http.post("/api/similar", "{\"text\": \"Speech recognition. Unrelated words here.\", "
                + "\"k\": 1, \"explain\": true}");
        assertThat(posted.json().get("results").get(0).get("explanation").get("query_sentence").asText())
                .isEqualTo("Speech recognition.");
    }

    @ParameterizedTest
    @CsvSource({"average_vector", "best_score"})
    void recommend_never_returns_the_examples_and_follows_the_positives(String strategy) {
        var reply = http.post("/api/recommend", "{\"positive\": [\"paper-1\"], \"negative\": [\"paper-3\"], "
                + "\"k\": 8, \"strategy\": \"" + strategy + "\", \"duplicates\": \"include\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("strategy").asText()).isEqualTo(strategy);
        assertThat(reply.json().get("positive").get(0).asText()).isEqualTo("paper-1");
        List<String> ids = ids(reply.json());
        assertThat(ids).doesNotContain("paper-1", "paper-3").hasSize(6).first().isEqualTo("paper-1-copy");
    }

    @Test
    void recommend_explains_each_result_against_the_positive_closest_to_it() {
        var reply = http.post("/api/recommend", "{\"positive\": [\"paper-2\", \"paper-1\"], \"k\": 1, "
                + "\"strategy\": \"best_score\", \"explain\": true, \"duplicates\": \"include\"}");

        JsonNode first = reply.json().get("results").get(0);
        assertThat(first.get("id").asText()).isEqualTo("paper-1-copy");
        assertThat(first.get("explanation").get("query_sentence").asText()).contains("protein folding");
    }

    @Test
    void similar_leaves_the_papers_duplicates_out_by_default_and_fills_the_answer_with_the_next() {
        List<String> byDefault = ids(http.get("/api/papers/paper-1/similar?k=3").json());
        List<String> included = ids(http.get("/api/papers/paper-1/similar?k=3&duplicates=include").json());
        List<String> excluded = ids(http.get("/api/papers/paper-1/similar?k=3&duplicates=exclude").json());

        assertThat(included).hasSize(3).first().isEqualTo("paper-1-copy");
        assertThat(byDefault).isEqualTo(excluded).hasSize(3).doesNotContain("paper-1-copy")
                .startsWith(included.subList(1, 3).toArray(String[]::new));
    }

    @Test
    void similar_and_recommend_mark_duplicates_in_place_when_asked() {
        JsonNode similar = http.get("/api/papers/paper-1/similar?k=3&duplicates=mark").json().get("results");
        JsonNode recommended = http.post("/api/recommend", "{\"positive\": [\"paper-1\"], \"k\": 3, "
                + "\"duplicates\": \"mark\"}").json().get("results");

        for (JsonNode results : List.of(similar, recommended)) {
            assertThat(results.get(0).get("id").asText()).isEqualTo("paper-1-copy");
            assertThat(results.get(0).get("duplicate").asText()).isIn("duplicate", "near_duplicate");
            assertThat(results.get(1).has("duplicate")).isFalse();
        }
        assertThat(ids(http.post("/api/recommend", "{\"positive\": [\"paper-1\"], \"k\": 3}").json()))
                .doesNotContain("paper-1-copy").hasSize(3);
    }

    @Test
    void diversity_changes_the_order_but_the_closest_paper_stays_first() {
        String url = "/api/papers/paper-1/similar?k=4&duplicates=include";
        List<String> plain = ids(http.get(url).json());
        List<String> zero = ids(http.get(url + "&diversity=0").json());
        List<String> full = ids(http.get(url + "&diversity=1").json());

        assertThat(zero).isEqualTo(plain);
        assertThat(full).hasSize(4).first().isEqualTo(plain.get(0));
        assertThat(full).isNotEqualTo(plain);
        var posted = http.post("/api/similar", "{\"text\": \"protein folding benchmarks\", \"k\": 4, "
                + "\"diversity\": 1}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(ids(posted.json())).hasSize(4);
    }

    @Test
    void similar_by_words_or_by_both_ranks_papers_sharing_the_papers_own_terms_first() {
        for (String mode : List.of("lexical", "hybrid")) {
            var reply = http.get("/api/papers/paper-1/similar?k=3&duplicates=include&mode=" + mode);

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(ids(reply.json())).as(mode).hasSize(3).doesNotContain("paper-1").first()
                    .isEqualTo("paper-1-copy");
        }
        double fused = http.get("/api/papers/paper-1/similar?k=1&duplicates=include&mode=hybrid").json()
                .get("results").get(0).get("score").asDouble();
        // first by cosine, by MoreLikeThis and by its title's words, each ranking weighted as configured
        assertThat(fused).isCloseTo((1 + SearchOptions.DEFAULT_RELATED_WORDS_WEIGHT
                + SearchOptions.DEFAULT_RELATED_TITLE_WEIGHT) / 61.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(ids(http.get("/api/papers/paper-1/similar?k=3&mode=hybrid").json()))
                .doesNotContain("paper-1-copy").hasSize(3);
        assertThat(ids(http.get("/api/papers/paper-1/similar?k=3&mode=vector").json()))
                .isEqualTo(ids(http.get("/api/papers/paper-1/similar?k=3").json()));
    }

    @Test
    void recommend_defaults_to_average_vector() {
        var reply = http.post("/api/recommend", "{\"positive\": [\"paper-2\"]}");
        assertThat(reply.json().get("strategy").asText()).isEqualTo("average_vector");
        assertThat(ids(reply.json())).doesNotContain("paper-2");
    }

    @Test
    void a_copied_abstract_is_a_duplicate_with_high_lexical_overlap() {
        var reply = http.post("/api/duplicates/check", "{\"title\": \"Advances in protein folding\", "
                + "\"abstract\": \"We study protein folding. We report results on protein folding benchmarks.\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("verdict").asText()).isEqualTo("duplicate");
        JsonNode best = reply.json().get("matches").get(0);
        assertThat(best.get("id").asText()).isEqualTo("paper-1");
        assertThat(best.get("band").asText()).isEqualTo("duplicate");
        assertThat(best.get("title").asText()).isEqualTo("Advances in protein folding");
        assertThat(best.get("shingle_containment").asDouble()).isGreaterThan(0.99);
        assertThat(best.get("token_jaccard").asDouble()).isGreaterThan(0.99);
        assertThat(reply.json().get("matches").size()).isLessThanOrEqualTo(3);
        assertThat(reply.json().get("took_ms").isIntegralNumber()).isTrue();
    }

    @Test
    void an_unrelated_text_is_new_with_no_matches() {
        var reply = http.post("/api/duplicates/check", "{\"text\": \"Quarterly tax filing deadlines for bakeries\"}");

        assertThat(reply.json().get("verdict").asText()).isEqualTo("new");
        assertThat(reply.json().get("matches")).isEmpty();
    }

    @Test
    void duplicates_groups_pairs_into_stable_clusters() {
        var reply = http.get("/api/duplicates");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("threshold").asDouble()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
        JsonNode clusters = reply.json().get("clusters");
        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).get("id").asText()).isEqualTo("dup-paper-1");
        var members = new ArrayList<String>();
        clusters.get(0).get("papers").forEach(p -> members.add(p.get("id").asText()));
        assertThat(members).containsExactly("paper-1", "paper-1-copy");
        assertThat(clusters.get(0).get("papers").get(0).get("title").asText()).isEqualTo("Advances in protein folding");
        assertThat(reply.json().get("pairs").asInt()).isEqualTo(1);
        assertThat(reply.json().get("took_ms").isIntegralNumber()).isTrue();
        JsonNode scores = clusters.get(0).get("pair_scores");
        assertThat(scores).hasSize(1);
        assertThat(scores.get(0).get("a").asText()).isEqualTo("paper-1");
        assertThat(scores.get(0).get("b").asText()).isEqualTo("paper-1-copy");
        assertThat(scores.get(0).get("score").asDouble()).isEqualTo(clusters.get(0).get("max_score").asDouble())
                .isGreaterThanOrEqualTo(0.8);

        var everything = http.get("/api/duplicates?threshold=0.01");
        assertThat(everything.json().get("pairs").asInt()).isGreaterThan(1);
        assertThat(http.get("/api/duplicates").json().get("clusters")).isEqualTo(clusters);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/duplicates?threshold=1.5|threshold|from 0.0 to 1.0",
        "/api/duplicates?threshold=0|threshold|above 0",
        "/api/duplicates?threshold=high|threshold|number",
        "/api/search?q=x&exclude=nope,paper-1,also-nope|exclude|nope, also-nope",
        "/api/search?q=x&max_score=0.2&min_score=0.5|max_score|below min_score",
        "/api/search?q=x&max_score=2|max_score|-1.0 to 1.0",
        "/api/papers/paper-1/similar?explain=yes|explain|true or false",
        "/api/papers/paper-1/similar?exclude=ghost|exclude|ghost",
        "/api/papers/paper-1/similar?duplicates=hide|duplicates|exclude, include, mark",
        "/api/papers/paper-1/similar?diversity=1.5|diversity|from 0.0 to 1.0",
        "/api/papers/paper-1/similar?diversity=lots|diversity|number",
        "/api/papers/paper-1/similar?diverse=0.5|diverse|diverse",
        "/api/papers/paper-1/similar?mode=fuzzy|mode|vector, lexical, hybrid",
        "/api/papers/paper-1/similar?mode=hybrid&diversity=0.5|diversity|mode=vector",
        "/api/papers/paper-1/similar?mode=lexical&min_score=0.5|min_score|mode=vector",
    })
    void bad_query_parameters_get_a_400_that_names_them(String url, String parameter, String hint) {
        var reply = http.get(url);

        reply.assertProblem(400);
        assertThat(reply.json().get("parameter").asText()).isEqualTo(parameter);
        assertThat(reply.json().get("detail").asText()).contains(hint);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/similar|not json|body|not valid JSON",
        "/api/similar|[1, 2]|body|must be a JSON object, got an array",
        "/api/similar|''|body|empty",
        "/api/similar|{\"txt\": \"x\"}|txt|unknown field 'txt'",
        "/api/similar|{}|text|no text",
        "/api/similar|{\"k\": 3}|text|no text",
        "/api/similar|{\"text\": \"a\", \"title\": \"b\"}|text|not both",
        "/api/similar|{\"text\": \"   \"}|text|blank",
        "/api/similar|{\"text\": 42}|text|must be a string",
        "/api/similar|{\"text\": \"x\", \"k\": 0}|k|from 1 to 8",
        "/api/similar|{\"text\": \"x\", \"k\": \"5\"}|k|whole number",
        "/api/similar|{\"text\": \"x\", \"min_score\": \"high\"}|min_score|number",
        "/api/similar|{\"text\": \"x\", \"exclude\": \"paper-1\"}|exclude|array",
        "/api/similar|{\"text\": \"x\", \"exclude\": [\"ghost\"]}|exclude|ghost",
        "/api/similar|{\"text\": \"x\", \"explain\": \"yes\"}|explain|true or false",
        "/api/recommend|{}|positive|missing",
        "/api/recommend|{\"positive\": []}|positive|empty",
        "/api/recommend|{\"positive\": [\"ghost\", \"paper-1\"]}|positive|ghost",
        "/api/recommend|{\"positive\": [\"paper-1\"], \"negative\": [\"phantom\"]}|negative|phantom",
        "/api/recommend|{\"positive\": [\"paper-1\"], \"negative\": [\"paper-1\"]}|negative|both",
        "/api/recommend|{\"positive\": [\"paper-1\"], \"strategy\": \"sum\"}|strategy|average_vector, best_score",
        "/api/recommend|{\"positive\": [\"paper-1\", \"\"]}|positive|non-blank",
        "/api/recommend|{\"positive\": [\"paper-1\"], \"duplicates\": \"drop\"}|duplicates|exclude, include, mark",
        "/api/recommend|{\"positive\": [\"paper-1\"], \"diversity\": -0.1}|diversity|0.0 to 1.0",
        "/api/similar|{\"text\": \"x\", \"duplicates\": \"exclude\"}|duplicates|unknown field 'duplicates'",
        "/api/similar|{\"text\": \"x\", \"diversity\": 2}|diversity|0.0 to 1.0",
        "/api/recommend|{\"positive\": [\"paper-0\", \"paper-1\", \"paper-2\"], \"negative\": [\"paper-3\", \"paper-4\"]}|negative|limit is 4",
        "/api/duplicates/check|{\"title\": \"t\", \"abstract\": \"a\", \"text\": \"x\"}|text|not both",
        "/api/duplicates/check|{\"abstract\": null}|text|no text",
        "/api/duplicates/check|{\"text\": \"x\", \"k\": 1000}|k|from 1 to 8",
    })
    void bad_bodies_get_a_400_that_names_the_field(String path, String body, String field, String hint) {
        var reply = http.post(path, body);

        reply.assertProblem(400);
        assertThat(reply.json().get("parameter").asText()).isEqualTo(field);
        assertThat(reply.json().get("detail").asText()).contains(hint);
    }

    @Test
    void text_over_the_limit_gets_a_400_that_states_it() {
        var reply = http.post("/api/duplicates/check", "{\"text\": \"" + "a".repeat(MAX_TEXT_CHARS + 1) + "\"}");
        reply.assertProblem(400);
        assertThat(reply.json().get("detail").asText()).contains(String.valueOf(MAX_TEXT_CHARS));

        var joined = http.post("/api/duplicates/check", "{\"title\": \"" + "t".repeat(MAX_TEXT_CHARS / 2)
                + "\", \"abstract\": \"" + "a".repeat(MAX_TEXT_CHARS / 2) + "\"}");
        joined.assertProblem(400);
        assertThat(joined.json().get("detail").asText()).contains("together");
    }

    @Test
    void a_body_over_a_megabyte_gets_a_413_that_says_how_much_is_read() {
        var reply = http.post("/api/similar", "{\"text\": \"" + "a ".repeat(600_000) + "\"}");

        reply.assertProblem(413);
        assertThat(reply.json().get("detail").asText()).contains("1000000 bytes").contains("api.max-text-chars");
    }

    @Test
    void the_same_checks_hold_whatever_order_the_ids_come_in() {
        Set<String> forward = new HashSet<>(ids(http.post("/api/recommend",
                "{\"positive\": [\"paper-1\", \"paper-4\"], \"strategy\": \"best_score\", \"k\": 4}").json()));
        Set<String> backward = new HashSet<>(ids(http.post("/api/recommend",
                "{\"positive\": [\"paper-4\", \"paper-1\"], \"strategy\": \"best_score\", \"k\": 4}").json()));
        assertThat(forward).isEqualTo(backward);
    }

    private static List<String> ids(JsonNode body) {
        var ids = new ArrayList<String>();
        body.get("results").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
