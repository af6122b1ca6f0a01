package io.simdex.corpus;

import static io.simdex.corpus.TestPages.abstractAbout;
import static io.simdex.corpus.TestPages.bundledPage;
import static io.simdex.corpus.TestPages.layoutA;
import static io.simdex.corpus.TestPages.layoutB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

class DailyPapersParserTest {

    private static final String ADAM = "Adam: A Method for Stochastic Optimization";
    private static final String BERT = "BERT: Pre-training of Deep Bidirectional Transformers";
    private static final String GAN = "Generative Adversarial Networks";

    @Test
    void parses_layout_a_with_blank_lines_and_chrome() {
        // given
        String page = layoutA(ADAM, abstractAbout("optimization"), BERT, abstractAbout("pre-training"));

        // when
        ParsedFile parsed = DailyPapersParser.parse("a.txt", page);

        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers())
                .extracting(RawPaper::title, RawPaper::abstractText, RawPaper::source, RawPaper::id)
                .containsExactly(
                        tuple(ADAM, abstractAbout("optimization"), new Source("a.txt", 13), Optional.empty()),
                        tuple(BERT, abstractAbout("pre-training"), new Source("a.txt", 17), Optional.empty()));
    }

    @Test
    void parses_layout_b_and_strips_subscribe_glued_to_the_first_title() {
        String page = layoutB("CATSplat: Context-Aware Transformer", abstractAbout("splatting"),
                ADAM, abstractAbout("optimization"));

        ParsedFile parsed = DailyPapersParser.parse("b.txt", page);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers())
                .extracting(RawPaper::title, RawPaper::source)
                .containsExactly(
                        tuple("CATSplat: Context-Aware Transformer", new Source("b.txt", 3)),
                        tuple(ADAM, new Source("b.txt", 5)));
    }

    @Test
    void keeps_a_subscribe_prefix_on_a_later_title() {
        String page = layoutB(ADAM, abstractAbout("optimization"),
                "SubscribeBench: Measuring Newsletter Growth", abstractAbout("newsletters"));

        ParsedFile parsed = DailyPapersParser.parse("b.txt", page);

        assertThat(parsed.papers()).extracting(RawPaper::title)
                .containsExactly(ADAM, "SubscribeBench: Measuring Newsletter Growth");
    }

    @Test
    void keeps_a_first_title_that_merely_starts_with_the_word_subscriber() {
        String page = "Subscriber Churn Prediction with Graphs\n" + abstractAbout("churn") + "\n";

        ParsedFile parsed = DailyPapersParser.parse("c.txt", page);

        assertThat(parsed.papers()).extracting(RawPaper::title)
                .containsExactly("Subscriber Churn Prediction with Graphs");
    }

    @Test
    void drops_chrome_lines_wherever_they_appear() {
        // given chrome between a title and its abstract, and between papers
        String page = layoutA(ADAM, "Aug 20", abstractAbout("optimization"), "Daily Papers", "new",
                BERT, "Subscribe", abstractAbout("pre-training"), "byAK and the research community");

        // when
        ParsedFile parsed = DailyPapersParser.parse("a.txt", page);

        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers()).extracting(RawPaper::title, RawPaper::abstractText).containsExactly(
                tuple(ADAM, abstractAbout("optimization")),
                tuple(BERT, abstractAbout("pre-training")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"new", "Subscribe", "Daily Papers", "byAK and the research community",
            "Get trending papers in your email inbox!", "Get trending papers in your email inbox once a day!",
            "Jul 31", "Mar 17", "Dec 1", "  Aug 20  "})
    void recognises_chrome_lines(String line) {
        assertThat(DailyPapersParser.isChrome(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"New Results on Transformers", "Subscribe to Learning", "July 31 Benchmark", ADAM})
    void does_not_take_titles_for_chrome(String line) {
        assertThat(DailyPapersParser.isChrome(line)).isFalse();
    }

    @Test
    void strips_a_byte_order_mark_and_accepts_crlf_line_ends() {
        String page = "\uFEFF" + layoutB(ADAM, abstractAbout("optimization")).replace("\n", "\r\n");

        ParsedFile parsed = DailyPapersParser.parse("bom.txt", page);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers()).extracting(RawPaper::title, RawPaper::abstractText, RawPaper::source)
                .containsExactly(tuple(ADAM, abstractAbout("optimization"), new Source("bom.txt", 3)));
    }

    @Test
    void reports_a_title_with_no_abstract_in_the_middle_and_keeps_the_pairs_around_it() {
        // given BERT (line 5) lost its abstract
        String page = layoutB(ADAM, abstractAbout("optimization"), BERT, GAN, abstractAbout("adversarial games"));

        // when
        ParsedFile parsed = DailyPapersParser.parse("broken.txt", page);

        // then
        assertThat(parsed.papers()).extracting(RawPaper::title, RawPaper::abstractText).containsExactly(
                tuple(ADAM, abstractAbout("optimization")),
                tuple(GAN, abstractAbout("adversarial games")));
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("broken.txt");
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).startsWith("title with no abstract").contains(BERT);
        });
    }

    @Test
    void reports_a_title_with_no_abstract_at_the_end_of_the_file() {
        String page = layoutA(ADAM, abstractAbout("optimization"), BERT);

        ParsedFile parsed = DailyPapersParser.parse("end.txt", page);

        assertThat(parsed.papers()).extracting(RawPaper::title).containsExactly(ADAM);
        assertThat(parsed.problems()).extracting(CorpusProblem::file, CorpusProblem::line)
                .containsExactly(tuple("end.txt", 17));
        assertThat(parsed.problems().get(0).message()).startsWith("title with no abstract");
    }

    @Test
    void reports_an_abstract_with_no_title_and_does_not_shift_the_pairing() {
        // given a stray abstract at line 5, where a title is expected
        String page = layoutB(ADAM, abstractAbout("optimization"), abstractAbout("something lost"),
                BERT, abstractAbout("pre-training"));

        ParsedFile parsed = DailyPapersParser.parse("stray.txt", page);

        assertThat(parsed.papers()).extracting(RawPaper::title, RawPaper::abstractText).containsExactly(
                tuple(ADAM, abstractAbout("optimization")),
                tuple(BERT, abstractAbout("pre-training")));
        assertThat(parsed.problems()).extracting(CorpusProblem::file, CorpusProblem::line)
                .containsExactly(tuple("stray.txt", 5));
        assertThat(parsed.problems().get(0).message()).startsWith("abstract with no title");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "  \r\n\t\r\n", "\uFEFF"})
    void reports_an_empty_page_at_line_zero(String text) {
        ParsedFile parsed = DailyPapersParser.parse("empty.txt", text);

        assertThat(parsed.papers()).isEmpty();
        assertThat(parsed.problems()).containsExactly(new CorpusProblem("empty.txt", 0, "empty page"));
    }

    @Test
    void reports_a_chrome_only_page_at_line_zero() {
        ParsedFile parsed = DailyPapersParser.parse("chrome.txt", layoutA() + "Subscribe\nAug 20\n");

        assertThat(parsed.papers()).isEmpty();
        assertThat(parsed.problems()).containsExactly(new CorpusProblem("chrome.txt", 0, "no papers found"));
    }

    @Test
    void tells_short_prose_from_a_long_title() {
        String longTitle = "How to Handle Different Types of Out-of-Distribution Scenarios in Computational "
                + "Argumentation? A Comprehensive and Fine-Grained Field Study";
        String shortAbstract = "We show that a tiny change to the loss removes the bias entirely. It costs nothing, "
                + "needs no extra data, and transfers to every model we tried so far.";

        assertThat(DailyPapersParser.looksLikeAbstract(longTitle)).isFalse();
        assertThat(DailyPapersParser.looksLikeAbstract(shortAbstract)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "000_98d0091421c7638e.txt, 68, 13, Learning Cognitive Maps from Transformer Representations for Efficient Planning in Partially Observed Environments",
            "001_7f4c8dc4282a0faf.txt, 107, 11, Preventing Zero-Shot Transfer Degradation in Continual Learning of Vision-Language Models",
            "002_1e5c895dbc8402f5.txt, 267, 3, CREST: Cross-modal Resonance through Evidential Deep Learning for Enhanced Zero-Shot Learning",
            "003_2377eb20dad792ff.txt, 77, 13, Occlusion-Aware Self-Supervised Monocular 6D Object Pose Estimation",
            "004_d8b1173cf7dd4b76.txt, 290, 3, CATSplat: Context-Aware Transformer with Spatial Guidance for Generalizable 3D Gaussian Splatting from A Single-View Image"})
    void parses_every_bundled_page_in_either_layout_without_problems(String page, int pairs, int firstLine,
                                                                      String firstTitle) {
        ParsedFile parsed = DailyPapersParser.parse(page, bundledPage(page));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers()).hasSize(pairs);
        assertThat(parsed.papers().get(0).title()).isEqualTo(firstTitle);
        assertThat(parsed.papers().get(0).source()).isEqualTo(new Source(page, firstLine));
        assertThat(parsed.papers()).allSatisfy(paper -> {
            assertThat(paper.title().length()).isLessThanOrEqualTo(183);
            assertThat(paper.abstractText().length()).isGreaterThanOrEqualTo(423);
        });
    }
}
