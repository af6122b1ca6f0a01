package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Paper;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The evaluation plumbing over the fake encoder: rankings, caching, progress and the query instruction. */
class EvaluationTest {

    private static final List<Paper> PAPERS = List.of(
            new Paper("p1", "Protein folding with deep networks", "Deep networks predict protein folding.", List.of()),
            new Paper("p2", "Speech recognition in noise", "Noise hurts speech recognition accuracy.", List.of()),
            new Paper("p3", "Galaxy rotation curves", "Rotation curves of galaxy discs.", List.of()));

    @TempDir
    Path cache;

    @Test
    void each_title_finds_its_own_abstract_when_they_share_words() {
        var evaluation = new Evaluation(new EvalEncoder(new FakeEncoder(), Optional.empty(), quiet()));

        EvalReport.TitleAbstractResult result = evaluation.titleAbstract(PAPERS);

        assertThat(result.papers()).isEqualTo(3);
        assertThat(result.recall1()).isEqualTo(1.0);
        assertThat(result.mrr()).isEqualTo(1.0);
    }

    @Test
    void the_query_set_is_searched_over_papers_as_embedded_and_scored_per_mode_and_style() {
        var encoder = new FakeEncoder();
        var evaluation = new Evaluation(new EvalEncoder(encoder, Optional.empty(), quiet()));
        QuerySet set = QuerySet.parse("q.tsv", List.of("id\tstyle\tsplit\tquery\tanswers",
                "k1\tkeywords\ttune\tgalaxy rotation\tp3",
                "k2\tkeywords\theld-out\tspeech noise\tp2",
                "m1\tmulti\ttune\tdeep networks for speech or proteins\tp1:2,p2"));

        List<EvalReport.QueryStyleResult> rows = evaluation.queries(PAPERS, set,
                EnumSet.of(SearchMode.LEXICAL, SearchMode.HYBRID), SearchOptions.defaults());

        assertThat(encoder.seenTexts()).contains(PAPERS.get(0).embeddingText(), "galaxy rotation");
        assertThat(rows).extracting(r -> r.mode() + "/" + r.group()).containsExactly("lexical/keywords",
                "lexical/multi", "lexical/all", "lexical/all (tune)", "lexical/all (held-out)", "hybrid/keywords",
                "hybrid/multi", "hybrid/all", "hybrid/all (tune)", "hybrid/all (held-out)");
        assertThat(rows.get(0).queries()).isEqualTo(2);
        assertThat(rows.get(0).mrr10()).isEqualTo(1.0); // each keyword query shares rare words with its paper only
        assertThat(rows.get(1).recall10()).isEqualTo(1.0); // both right papers of m1 share a word with it
    }

    @Test
    void the_title_to_abstract_set_embeds_abstracts_without_titles() {
        BeirDataset set = Evaluation.titleAbstractSet(PAPERS);

        assertThat(set.documents().get(0).fullText()).isEqualTo("Deep networks predict protein folding.");
        assertThat(set.queries().get(0).text()).isEqualTo("Protein folding with deep networks");
        assertThat(set.qrels().get("p2")).isEqualTo(Map.of("p2", 1));
    }

    @Test
    void retrieval_puts_the_instruction_before_queries_only_and_a_second_run_encodes_nothing() {
        var encoder = new FakeEncoder(256, "query: ");
        var progress = new ByteArrayOutputStream();
        var evaluation = new Evaluation(new EvalEncoder(encoder, Optional.of(cache),
                new PrintStream(progress, true, StandardCharsets.UTF_8)));
        var data = new BeirDataset("tiny", List.of(
                new BeirDataset.Document("d1", "Protein folding", "Deep networks predict protein folding."),
                new BeirDataset.Document("d2", "Speech", "Noise hurts speech recognition.")),
                List.of(new BeirDataset.Query("q1", "speech recognition noise")),
                Map.of("q1", Map.of("d2", 1)));

        EvalReport.RetrievalResult first = vectorOnly(evaluation, data);
        int encodedOnce = encoder.encodedTexts();
        EvalReport.RetrievalResult second = vectorOnly(evaluation, data);

        assertThat(first.ndcg10()).isEqualTo(1.0);
        assertThat(encoder.seenTexts()).containsExactlyInAnyOrder("Protein folding Deep networks predict protein folding.",
                "Speech Noise hurts speech recognition.", "query: speech recognition noise");
        assertThat(encoder.encodedTexts()).isEqualTo(encodedOnce);
        assertThat(second).usingRecursiveComparison().ignoringFields("encoding").isEqualTo(first);
        assertThat(second.encoding().fromCache()).isTrue();
        assertThat(second.encoding().texts()).isEqualTo(2);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("tiny-documents: 2/2 texts encoded");
    }

    @Test
    void lexical_mode_encodes_nothing_and_every_mode_reports_its_own_row() {
        var encoder = new FakeEncoder();
        var evaluation = new Evaluation(new EvalEncoder(encoder, Optional.empty(), quiet()));
        var data = Evaluation.titleAbstractSet(PAPERS);

        var lexical = evaluation.retrieval(data, EnumSet.of(SearchMode.LEXICAL), SearchOptions.defaults());
        assertThat(encoder.encodedTexts()).isZero();
        var all = evaluation.retrieval(data, EnumSet.allOf(SearchMode.class), SearchOptions.defaults());

        assertThat(lexical).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo("lexical");
            assertThat(r.encoding()).isNull();
            assertThat(r.mrr10()).isEqualTo(1.0); // each title shares rare words with its own abstract only
        });
        assertThat(all).extracting(EvalReport.RetrievalResult::mode).containsExactly("vector", "lexical", "hybrid");
        assertThat(all.get(2).recall10()).isEqualTo(1.0);
        assertThat(all.get(2).encoding()).isNotNull();
    }

    @Test
    void a_chunking_run_takes_its_twins_cached_vectors_for_texts_that_fitted_and_encodes_the_rest() {
        String longText = "word ".repeat(300).strip();
        List<String> texts = List.of("short text one", "short text two", longText);
        var twin = new FakeEncoder(256);
        new EvalEncoder(twin, Optional.of(cache), quiet()).documents("set", texts);
        var chunking = new FakeEncoder(255); // another model id, as chunking gives

        var encoded = new EvalEncoder(chunking, Optional.of(cache), quiet(), Optional.of(twin.modelId()))
                .documents("set", texts);

        assertThat(chunking.seenTexts()).containsExactly(longText);
        assertThat(List.of(encoded.vectors())).hasSize(3).doesNotContainNull();
    }

    @Test
    void a_cache_dir_that_cannot_be_written_is_skipped_and_the_evaluation_goes_on() throws Exception {
        // a file where the folder should be: no user, root included, can write there
        Path blocked = Files.writeString(cache.resolve("not-a-folder"), "x").resolve("vectors");
        var encoder = new FakeEncoder();
        var evalEncoder = new EvalEncoder(encoder, Optional.of(blocked), quiet());

        var first = evalEncoder.documents("set", List.of("one text", "another text"));
        var second = evalEncoder.queries("queries", List.of("a query"));

        assertThat(List.of(first.vectors())).hasSize(2).doesNotContainNull();
        assertThat(List.of(second.vectors())).hasSize(1).doesNotContainNull();
    }

    @Test
    void sts_correlates_cosines_with_gold_scores() {
        var evaluation = new Evaluation(new EvalEncoder(new FakeEncoder(), Optional.empty(), quiet()));
        var pairs = List.of(
                new StsPairs.Pair(5.0, "a cat sits on the mat", "a cat sits on the mat"),
                new StsPairs.Pair(2.5, "a cat sits on the mat", "a cat lies on a rug"),
                new StsPairs.Pair(0.0, "a cat sits on the mat", "stock markets fell sharply"));

        EvalReport.StsResult result = evaluation.sts(Path.of("pairs.tsv"), pairs);

        assertThat(result.pairs()).isEqualTo(3);
        assertThat(result.spearman()).isEqualTo(1.0);
        assertThat(result.published()).isNull();
    }

    @Test
    void a_text_that_repeats_is_encoded_once() {
        var encoder = new FakeEncoder();
        var pairs = List.of(new StsPairs.Pair(5.0, "a cat sits", "a cat sits"),
                new StsPairs.Pair(1.0, "a cat sits", "markets fell"));

        new Evaluation(new EvalEncoder(encoder, Optional.empty(), quiet())).sts(Path.of("pairs.tsv"), pairs);

        assertThat(encoder.seenTexts()).containsExactlyInAnyOrder("a cat sits", "markets fell");
    }

    private static EvalReport.RetrievalResult vectorOnly(Evaluation evaluation, BeirDataset data) {
        return evaluation.retrieval(data, EnumSet.of(SearchMode.VECTOR), SearchOptions.defaults()).get(0);
    }

    private static PrintStream quiet() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }
}
