package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.encode.Embedding;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.search.DuplicateRule;
import io.simdex.search.Duplicates;
import io.simdex.search.Match;
import io.simdex.search.RelatedOptions;
import io.simdex.search.ResultFilter;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;
import io.simdex.search.SearchService;

import java.util.List;
import java.util.Set;

/** The evaluation's "more like this" ranks exactly as the service answers, in every mode and weighting. */
class RelatedRankingsTest {

    private static final List<Paper> PAPERS = List.of(
            new Paper("dd", "Dataset distillation", "We train a small set of synthetic images so that a network "
                    + "trained on them matches the gradients of a network trained on the full training set.", List.of()),
            new Paper("kd", "Compact students from large teachers", "We train a small student network so that it "
                    + "matches the outputs and gradients of a large teacher network trained on the full set.", List.of()),
            new Paper("dc", "Dataset condensation with distribution matching", "Synthetic images are learned whose "
                    + "feature statistics equal those of the real images.", List.of()),
            new Paper("pruning", "Network pruning at initialization", "We remove weights of a network before it is "
                    + "trained, keeping its accuracy.", List.of()),
            new Paper("speech", "Speech recognition", "We transcribe speech with a network trained on audio.",
                    List.of()),
            new Paper("untitled", "", "Synthetic speech audio trains a recognition network.", List.of()));

    @ParameterizedTest
    @CsvSource({"VECTOR, 1, 0.5", "LEXICAL, 1, 0.5", "HYBRID, 1, 0", "HYBRID, 1, 0.5", "HYBRID, 0.5, 2"})
    void each_papers_ranking_is_what_similar_answers(SearchMode mode, float wordsWeight, float titleWeight) {
        var encoder = new FakeEncoder();
        SearchOptions options = SearchOptions.defaults().withRelatedWeights(wordsWeight, titleWeight);
        List<String> ids = PAPERS.stream().map(Paper::id).toList();
        List<String> texts = PAPERS.stream().map(Paper::embeddingText).toList();
        float[][] vectors = encoder.encode(texts).stream().map(Embedding::vector).toArray(float[][]::new);
        var related = new RelatedOptions(mode, Duplicates.INCLUDE, DuplicateRule.NONE, 0f);

        try (var rankings = new RelatedRankings(ids, texts, PAPERS.stream().map(Paper::title).toList(), vectors,
                options);
             var service = new SearchService(CorpusIndexer.index(new Corpus(PAPERS, List.of()), encoder), encoder,
                     options)) {
            for (String id : ids) {
                assertThat(rankings.ranking(mode).similar(id, Set.of(), 5)).as(id)
                        .isEqualTo(service.similar(id, ResultFilter.top(5), related).matches().stream()
                                .map(Match::id).toList());
            }
        }
    }
}
