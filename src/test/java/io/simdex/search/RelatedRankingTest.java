package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.ingest.CorpusIndexer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "More like this" in hybrid mode: cosine, MoreLikeThis and the title's BM25 ranking fused, over the fake encoder. */
class RelatedRankingTest {

    /**
     * The query paper's abstract shares most of its words with a knowledge-distillation paper, and its title's
     * word "dataset" with a dataset-condensation paper whose abstract says the same thing in other words.
     */
    private static final List<Paper> PAPERS = List.of(
            new Paper("dd", "Dataset distillation",
                    "We train a small set of synthetic images so that a network trained on them matches the "
                            + "gradients of a network trained on the full training set.", List.of()),
            new Paper("kd", "Compact students from large teachers",
                    "We train a small student network so that it matches the outputs and gradients of a large "
                            + "teacher network trained on the full training set.", List.of()),
            new Paper("dc", "Dataset condensation with distribution matching",
                    "Synthetic images are learned whose feature statistics equal those of the real images.",
                    List.of()),
            new Paper("pruning", "Network pruning at initialization",
                    "We remove weights of a network before it is trained, keeping its accuracy.", List.of()),
            new Paper("speech", "Speech recognition",
                    "We transcribe speech with a network trained on audio.", List.of()),
            new Paper("proteins", "Protein folding", "We predict protein structures from sequences.", List.of()));

    private final FakeEncoder encoder = new FakeEncoder();
    private SearchService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void hybrid_similar_is_the_weighted_rank_fusion_of_cosine_more_like_this_and_the_titles_bm25() {
        service = service(SearchOptions.defaults().withRelatedWeights(0.5f, 2f));
        var all = ResultFilter.top(5);

        List<Match> hybrid = service.similar("dd", all, mode(SearchMode.HYBRID)).matches();

        Map<String, Double> expected = new HashMap<>();
        add(expected, service.similar("dd", all, mode(SearchMode.VECTOR)).matches(), 1);
        add(expected, service.similar("dd", all, mode(SearchMode.LEXICAL)).matches(), 0.5);
        add(expected, service.search("Dataset distillation", new ResultFilter(5, ResultFilter.NO_MIN_SCORE,
                ResultFilter.NO_MAX_SCORE, Set.of("dd"), false), SearchMode.LEXICAL).matches(), 2);
        assertThat(hybrid).hasSize(5).extracting(Match::id).doesNotContain("dd");
        for (int i = 0; i < hybrid.size(); i++) {
            Match match = hybrid.get(i);
            assertThat((double) match.score()).as(match.id()).isCloseTo(expected.get(match.id()), within(1e-6));
            if (i > 0) {
                assertThat(match.score()).isLessThanOrEqualTo(hybrid.get(i - 1).score());
            }
        }
    }

    @Test
    void the_titles_ranking_lifts_the_paper_on_the_titles_topic_above_one_that_only_shares_the_abstracts_words() {
        SearchService twoWay = service(SearchOptions.defaults().withRelatedWeights(1f, 0f));
        List<String> before;
        try {
            before = ids(twoWay.similar("dd", ResultFilter.top(5), mode(SearchMode.HYBRID)));
        } finally {
            twoWay.close();
        }
        service = service(SearchOptions.defaults().withRelatedWeights(1f, 1f));

        List<String> after = ids(service.similar("dd", ResultFilter.top(5), mode(SearchMode.HYBRID)));

        assertThat(before.indexOf("kd")).isLessThan(before.indexOf("dc"));
        assertThat(after.indexOf("dc")).isLessThan(after.indexOf("kd"));
        assertThat(after.get(0)).isEqualTo("dc");
    }

    @Test
    void a_paper_without_a_title_is_ranked_by_the_other_two() {
        List<Paper> untitled = PAPERS.stream().map(p -> p.id().equals("dd")
                ? new Paper("dd", "", p.abstractText(), List.of()) : p).toList();
        service = new SearchService(CorpusIndexer.index(new Corpus(untitled, List.of()), encoder), encoder,
                SearchOptions.defaults().withRelatedWeights(1f, 1f));
        SearchService twoWay = new SearchService(CorpusIndexer.index(new Corpus(untitled, List.of()), encoder),
                encoder, SearchOptions.defaults().withRelatedWeights(1f, 0f));
        try {
            assertThat(service.similar("dd", ResultFilter.top(5), mode(SearchMode.HYBRID)).matches())
                    .isEqualTo(twoWay.similar("dd", ResultFilter.top(5), mode(SearchMode.HYBRID)).matches());
        } finally {
            twoWay.close();
        }
    }

    private static void add(Map<String, Double> scores, List<Match> ranking, double weight) {
        for (int i = 0; i < ranking.size(); i++) {
            scores.merge(ranking.get(i).id(), weight / (60 + i + 1), Double::sum);
        }
    }

    private static List<String> ids(SearchResult result) {
        return result.matches().stream().map(Match::id).toList();
    }

    private static RelatedOptions mode(SearchMode mode) {
        return new RelatedOptions(mode, Duplicates.INCLUDE, DuplicateRule.NONE, 0f);
    }

    private SearchService service(SearchOptions options) {
        return new SearchService(CorpusIndexer.index(new Corpus(PAPERS, List.of()), encoder), encoder, options);
    }
}
