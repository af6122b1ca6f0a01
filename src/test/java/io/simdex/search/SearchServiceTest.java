package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.encode.DelegatingEncoder;
import io.simdex.encode.Embedding;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.lexical.LexicalDocument;
import io.simdex.lexical.LexicalHit;
import io.simdex.lexical.LexicalIndex;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Free-text search in each mode, over a small corpus and the fake encoder. */
class SearchServiceTest {

    private static final List<Paper> PAPERS = List.of(
            new Paper("gnn", "Graph neural networks", "We train graph networks on molecules and report results.",
                    List.of()),
            new Paper("hyperbolic", "Hyperbolic embeddings", "We embed trees in hyperbolic space with few dimensions.",
                    List.of()),
            new Paper("proteins", "Protein folding", "We predict protein structures from sequences.", List.of()),
            new Paper("speech", "Speech recognition", "We transcribe speech with a network trained on audio.",
                    List.of()),
            new Paper("vision", "Image segmentation", "We segment images into regions and report results.", List.of()),
            new Paper("translation", "Machine translation", "We translate text between languages.", List.of()));

    private final QueryCountingEncoder encoder = new QueryCountingEncoder();
    private SearchService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void vector_mode_is_what_search_without_a_mode_does() {
        service = service(SearchOptions.defaults());
        var filter = ResultFilter.top(4);

        assertThat(service.search("graph networks for molecules", filter, SearchMode.VECTOR).matches())
                .isEqualTo(service.search("graph networks for molecules", filter).matches());
    }

    @Test
    void lexical_mode_ranks_by_bm25_over_title_and_abstract() {
        service = service(SearchOptions.defaults());

        List<Match> matches = service.search("folded proteins", ResultFilter.top(5), SearchMode.LEXICAL).matches();

        assertThat(matches).extracting(Match::id).containsExactly("proteins"); // stemmed: fold, protein
        try (var reference = LexicalIndex.build(PAPERS.stream()
                .map(p -> new LexicalDocument(p.id(), p.embeddingText())).toList())) {
            LexicalHit hit = reference.search("folded proteins", 1, Set.of()).get(0);
            assertThat(matches.get(0).score()).isEqualTo(hit.score());
        }
        assertThat(matches.get(0).title()).isEqualTo("Protein folding");
        assertThat(matches.get(0).rank()).isEqualTo(1);
    }

    @Test
    void lexical_mode_finds_only_papers_that_share_a_word_and_never_calls_the_model() {
        service = service(SearchOptions.defaults());
        int before = encoder.texts.get();

        assertThat(service.search("results", ResultFilter.top(5), SearchMode.LEXICAL).matches())
                .extracting(Match::id).containsExactlyInAnyOrder("gnn", "vision");
        assertThat(service.search("the of and", ResultFilter.top(5), SearchMode.LEXICAL).matches()).isEmpty();
        assertThat(encoder.texts.get()).isEqualTo(before);
    }

    @Test
    void hybrid_scores_are_by_default_a_convex_combination_of_normalized_cosines_and_bm25_scores() {
        service = service(SearchOptions.defaults());
        String q = "graph network trained on speech audio";

        List<Match> hybrid = service.search(q, ResultFilter.top(6), SearchMode.HYBRID).matches();

        // 0.4 · (cos − lowest cos) / (highest − lowest) + 0.6 · bm25 / highest bm25, 0 for a missing part
        List<Match> vector = service.search(q, ResultFilter.top(6), SearchMode.VECTOR).matches();
        List<Match> lexical = service.search(q, ResultFilter.top(6), SearchMode.LEXICAL).matches();
        double high = vector.get(0).score();
        double low = vector.get(vector.size() - 1).score();
        var expected = new HashMap<String, Double>();
        vector.forEach(m -> expected.put(m.id(), 0.4 * (m.score() - low) / (high - low)));
        lexical.forEach(m -> expected.merge(m.id(), 0.6 * m.score() / lexical.get(0).score(), Double::sum));
        assertThat(lexical).hasSizeLessThan(6);
        assertThat(hybrid).hasSize(6);
        for (int i = 0; i < hybrid.size(); i++) {
            assertThat((double) hybrid.get(i).score()).as(hybrid.get(i).id())
                    .isCloseTo(expected.get(hybrid.get(i).id()), within(1e-6));
            if (i > 0) {
                assertThat(hybrid.get(i).score()).isLessThanOrEqualTo(hybrid.get(i - 1).score());
            }
        }
    }

    @Test
    void hybrid_scores_are_reciprocal_rank_fusion_of_the_two_rankings_when_fusion_is_rrf() {
        service = service(SearchOptions.defaults().withFusion(Fusion.RRF, 0.4f, 0.2f));
        String q = "graph network trained on speech audio";

        List<Match> hybrid = service.search(q, ResultFilter.top(6), SearchMode.HYBRID).matches();

        Map<String, Double> expected = rrf(60, 100, service.search(q, ResultFilter.top(6), SearchMode.VECTOR),
                service.search(q, ResultFilter.top(6), SearchMode.LEXICAL));
        assertThat(hybrid).hasSize(6); // the vector ranking holds every paper
        for (int i = 0; i < hybrid.size(); i++) {
            assertThat((double) hybrid.get(i).score()).as(hybrid.get(i).id())
                    .isCloseTo(expected.get(hybrid.get(i).id()), within(1e-7));
            assertThat(hybrid.get(i).rank()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(hybrid.get(i).score()).isLessThanOrEqualTo(hybrid.get(i - 1).score());
            }
        }
    }

    @Test
    void rrf_uses_the_configured_constant_and_fuses_only_the_candidates_of_each_ranking() {
        service = service(new SearchOptions(SearchMode.HYBRID, 1, 2).withFusion(Fusion.RRF, 0.5f, 0f));
        String q = "graph network trained on speech audio";

        List<Match> hybrid = service.search(q, ResultFilter.top(2), SearchMode.HYBRID).matches();

        // each ranking is max(k, candidates) = 2 deep, and each rank r adds 1 / (1 + r)
        Map<String, Double> expected = rrf(1, 2, service.search(q, ResultFilter.top(6), SearchMode.VECTOR),
                service.search(q, ResultFilter.top(6), SearchMode.LEXICAL));
        double second = expected.values().stream().sorted((a, b) -> Double.compare(b, a)).skip(1).findFirst()
                .orElseThrow();
        assertThat(hybrid).hasSize(2);
        assertThat(hybrid).allSatisfy(m -> assertThat((double) m.score())
                .isCloseTo(expected.get(m.id()), within(1e-7)).isGreaterThanOrEqualTo((float) second));
    }

    @Test
    void free_text_is_encoded_as_a_query_in_vector_and_hybrid_modes() {
        service = service(SearchOptions.defaults().withQueryCacheSize(0));

        service.search("protein folding", ResultFilter.top(3), SearchMode.VECTOR);
        service.search("protein folding", ResultFilter.top(3), SearchMode.HYBRID);
        service.search("protein folding", ResultFilter.top(3), SearchMode.LEXICAL);

        assertThat(encoder.queries.get()).isEqualTo(2);
    }

    @Test
    void a_query_searched_again_in_any_mode_is_encoded_once_and_then_needs_no_model() {
        service = service(SearchOptions.defaults());
        assertThat(service.answersWithoutModel("protein folding", SearchMode.VECTOR)).isFalse();
        assertThat(service.answersWithoutModel("protein folding", SearchMode.LEXICAL)).isTrue();

        var first = service.search("protein folding", ResultFilter.top(3), SearchMode.VECTOR);
        var again = service.search("protein folding", ResultFilter.top(3), SearchMode.VECTOR);
        service.search("protein folding", ResultFilter.top(3), SearchMode.HYBRID);

        assertThat(encoder.queries.get()).isEqualTo(1);
        assertThat(again.matches()).isEqualTo(first.matches());
        assertThat(service.answersWithoutModel("protein folding", SearchMode.HYBRID)).isTrue();
        assertThat(service.queryCache().hits()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void excluded_papers_never_come_back_in_any_mode(SearchMode mode) {
        service = service(SearchOptions.defaults());
        var filter = new ResultFilter(6, ResultFilter.NO_MIN_SCORE, ResultFilter.NO_MAX_SCORE,
                Set.of("gnn", "speech"), false);

        List<Match> matches = service.search("graph network speech results", filter, mode).matches();

        assertThat(matches).isNotEmpty().extracting(Match::id).doesNotContain("gnn", "speech");
        assertThatThrownBy(() -> service.search("graph", new ResultFilter(3, ResultFilter.NO_MIN_SCORE,
                ResultFilter.NO_MAX_SCORE, Set.of("nope"), false), mode)).isInstanceOf(UnknownIdsException.class);
    }

    @ParameterizedTest
    @EnumSource(value = SearchMode.class, names = {"LEXICAL", "HYBRID"})
    void cosine_bounds_are_refused_outside_vector_mode(SearchMode mode) {
        service = service(SearchOptions.defaults());
        var min = new ResultFilter(3, 0.2f, ResultFilter.NO_MAX_SCORE, Set.of(), false);
        var max = new ResultFilter(3, ResultFilter.NO_MIN_SCORE, 0.9f, Set.of(), false);

        assertThatThrownBy(() -> service.search("graph", min, mode)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("'min_score' bounds a cosine").hasMessageContaining("mode=vector")
                .hasMessageContaining(mode.scores())
                .extracting(e -> ((InvalidQueryException) e).field()).isEqualTo("min_score");
        assertThatThrownBy(() -> service.search("graph", max, mode)).isInstanceOf(InvalidQueryException.class)
                .extracting(e -> ((InvalidQueryException) e).field()).isEqualTo("max_score");
        assertThat(service.search("graph", min, SearchMode.VECTOR).matches())
                .allSatisfy(m -> assertThat(m.score()).isGreaterThanOrEqualTo(0.2f));
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void explain_works_in_every_mode(SearchMode mode) {
        service = service(SearchOptions.defaults());
        var filter = new ResultFilter(2, ResultFilter.NO_MIN_SCORE, ResultFilter.NO_MAX_SCORE, Set.of(), true);

        List<Match> matches = service.search("We predict protein structures.", filter, mode).matches();

        assertThat(matches).isNotEmpty().allSatisfy(m -> assertThat(m.explanation()).isNotNull());
        assertThat(matches.get(0).explanation().matchSentence())
                .isEqualTo("We predict protein structures from sequences.");
    }

    @Test
    void search_modes_are_named_in_any_letter_case() {
        assertThat(SearchMode.byLabel("Hybrid")).contains(SearchMode.HYBRID);
        assertThat(SearchMode.byLabel(" lexical ")).contains(SearchMode.LEXICAL);
        assertThat(SearchMode.byLabel("VECTOR")).contains(SearchMode.VECTOR);
        assertThat(SearchMode.byLabel("bm25")).isEmpty();
        assertThat(SearchMode.labels()).isEqualTo("vector, lexical, hybrid");
    }

    /** A straightforward RRF over the two single-mode answers, each cut to {@code depth}. */
    private static Map<String, Double> rrf(int k, int depth, SearchResult vector, SearchResult lexical) {
        var scores = new HashMap<String, Double>();
        for (SearchResult ranking : List.of(vector, lexical)) {
            List<Match> matches = ranking.matches();
            for (int i = 0; i < Math.min(depth, matches.size()); i++) {
                scores.merge(matches.get(i).id(), 1.0 / (k + i + 1), Double::sum);
            }
        }
        return scores;
    }

    private SearchService service(SearchOptions options) {
        return new SearchService(CorpusIndexer.index(new Corpus(PAPERS, List.of()), encoder),
                encoder, options);
    }

    /** The fake encoder, counting query encodings apart from other texts. */
    private static final class QueryCountingEncoder extends DelegatingEncoder {
        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger texts = new AtomicInteger();

        QueryCountingEncoder() {
            super(new FakeEncoder());
        }

        @Override
        public List<Embedding> encode(List<String> batch) {
            texts.addAndGet(batch.size());
            return delegate.encode(batch);
        }

        @Override
        public List<Embedding> encodeQueries(List<String> batch) {
            queries.addAndGet(batch.size());
            return delegate.encode(batch);
        }
    }
}
