package io.simdex.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.BundledPapers;
import io.simdex.corpus.Paper;

import java.util.List;
import java.util.Random;

class SentencesTest {

    @Test
    void splits_at_a_period_question_mark_or_exclamation_mark_before_a_capital() {
        assertThat(Sentences.split("We study graphs. Is it hard? Yes! It is."))
                .containsExactly("We study graphs.", "Is it hard?", "Yes!", "It is.");
    }

    @Test
    void splits_before_a_digit_a_quote_or_an_opening_bracket() {
        assertThat(Sentences.split("It ends in 2021. 3D models follow. \"Quoted\" titles too. (a) Lists. [1] Refs."))
                .containsExactly("It ends in 2021.", "3D models follow.", "\"Quoted\" titles too.", "(a) Lists.",
                        "[1] Refs.");
    }

    @Test
    void keeps_closing_quotes_and_brackets_with_the_sentence_they_end() {
        assertThat(Sentences.split("We call it \"robust.\" Then we test it. (This is an aside.) It works."))
                .containsExactly("We call it \"robust.\"", "Then we test it.", "(This is an aside.)", "It works.");
    }

    @Test
    void does_not_split_before_a_lower_case_word_or_at_a_semicolon() {
        assertThat(Sentences.split("The pre-training process. we observed gains; However, not always."))
                .containsExactly("The pre-training process. we observed gains; However, not always.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Strong models, e.g. BERT, transfer well.",
            "Strong models (e.g. BERT) transfer well.",
            "Unlabeled data, i.e. Web text, is cheap.",
            "We follow Chen et al. (2021) closely.",
            "We follow Chen et al. [4] closely.",
            "We follow Kataoka et. al. 2019's recipe closely.",
            "Results are shown in Fig. 3 and Figs. 4-5.",
            "Minimizing Eq. 2 and Eqs. 3-4 is hard.",
            "As noted in Sec. 4, it converges.",
            "Discriminative vs. Generative models differ.",
            "See cf. Table 2 for details.",
            "It takes approx. 3 hours.",
            "Models A and B reach 3 and 4 (resp. 5 and 6) points.",
            "Patent No. 5 covers it.",
            "Dr. Smith and Prof. Jones agree.",
            "Work at Google Inc. Labs and in the U.S. Army shows this.",
            "Samples are i.i.d. Gaussian draws.",
            "As J. Smith and J. R. R. Tolkien wrote.",
            "Accuracy rose from 3.5 to 97.25 points.",
            "We release v1.2 and v2.0.1 today.",
            "Code is at github.com/org/repo.v2 and https://x.io/a.b?c=d for all.",
            "This is not the end... Or is it.",
            "This is not the end… Or is it.",
            "Accuracy (higher is better. Lower is worse) matters.",
            "Follow the steps: 1. Collect data, 2. Train.",
            "1. We collect data in one pass."})
    void keeps_one_sentence_whole_despite_its_inner_periods(String sentence) {
        assertThat(Sentences.split(sentence)).containsExactly(sentence);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Models include CNNs, RNNs, etc.|These fail.",
            "As shown by Chen et al.|Their method fails.",
            "A and B give 3 and 4, resp.|We improve both.",
            "We need a regression oracle for H.|We give a weak learner.",
            "It matches the function from A to B.|It does this by search.",
            "Trained on Imagenet-C.|We also try ImageNet-R.",
            "Founded in the U.S.|The lab grew.",
            "It was built by Acme Inc.|However, it failed.",
            "Code is at https://github.com/org/repo.|Data too.",
            "Really?!|Yes.",
            "Gains reach 95.3%.|10 runs confirm it."})
    void splits_where_an_abbreviation_a_letter_or_a_url_really_ends_the_sentence(String pair) {
        String[] sentences = pair.split("\\|");

        assertThat(Sentences.split(sentences[0] + " " + sentences[1])).containsExactly(sentences);
    }

    @Test
    void ends_a_paragraph_at_a_blank_line_but_joins_hard_wrapped_lines() {
        String text = "First paragraph, wrapped\nover two lines\n\n  \n"
                + "second paragraph without a period\r\n\r\nthird one";

        assertThat(Sentences.split(text)).containsExactly(
                "First paragraph, wrapped over two lines", "second paragraph without a period", "third one");
    }

    @Test
    void ignores_an_unmatched_bracket_instead_of_swallowing_the_rest() {
        assertThat(Sentences.split("Two cases: 1) linear. 2) convex (and smooth. It is rare. We stop."))
                .containsExactly("Two cases: 1) linear.", "2) convex (and smooth.", "It is rare.", "We stop.");
    }

    @Test
    void normalizes_whitespace_inside_and_around_sentences() {
        assertThat(Sentences.split("  One\tsentence\u00a0here.   Two\n sentences  here.  "))
                .containsExactly("One sentence here.", "Two sentences here.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n\t\n"})
    void returns_no_sentences_for_blank_text(String blank) {
        assertThat(Sentences.split(blank)).isEmpty();
    }

    @Test
    void rejects_null() {
        assertThatThrownBy(() -> Sentences.split(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void splits_a_real_abstract_with_misspelled_et_al_and_a_possessive_year() {
        Paper paper = BundledPapers.byId("conditional-poisson-stochastic-beam-search");

        List<String> sentences = Sentences.split(paper.abstractText());

        assertThat(sentences).hasSize(8).contains(
                "We view this as a more natural alternative to Kool et. al. 2019's stochastic beam search (SBS).");
    }

    @Test
    void splits_a_real_abstract_with_one_letter_classes_before_sentence_ends() {
        Paper paper = BundledPapers.byId("multicalibration-as-boosting-for-regression");

        List<String> sentences = Sentences.split(paper.abstractText());

        assertThat(sentences).hasSize(8);
        assertThat(sentences.get(2)).endsWith("a standard squared error regression oracle for H.");
        assertThat(sentences.get(3)).startsWith("We give a weak learning assumption on H that ensures");
        assertThat(sentences.get(7))
                .isEqualTo("Our code repository can be found at "
                        + "https://github.com/Declancharrison/Level-Set-Boosting.");
    }

    @Test
    void splits_a_real_abstract_citing_et_al_with_years_and_e_g_inside_dashes() {
        Paper paper = BundledPapers.byId("an-efficient-tester-learner-for-halfspaces");

        List<String> sentences = Sentences.split(paper.abstractText());

        assertThat(sentences).hasSize(9);
        assertThat(sentences.get(1)).contains("-- e.g., the Gaussian --");
        assertThat(sentences.get(7)).endsWith("the moment-matching approach of Gollakota et al. (2023).");
        assertThat(sentences.get(8)).startsWith("This enables us to simulate a variant of the algorithm of "
                + "Diakonikolas et al. (2020)");
    }

    @Test
    void never_loses_text_of_a_bundled_abstract_and_never_ends_on_a_leading_abbreviation() {
        for (Paper paper : BundledPapers.all()) {
            List<String> sentences = Sentences.split(paper.abstractText());

            assertThat(String.join(" ", sentences)).isEqualTo(normalized(paper.abstractText()));
            assertThat(sentences).as(paper.id()).isNotEmpty().allSatisfy(sentence -> {
                assertThat(sentence).isNotBlank().isEqualTo(sentence.strip());
                assertThat(sentence).doesNotMatch(".*(\\be\\.g|\\bi\\.e|\\bvs|\\bcf|\\bFig|\\bEq|\\.\\.)\\.");
            });
        }
    }

    @Test
    void finds_about_eight_sentences_per_bundled_abstract() {
        int sentences = BundledPapers.all().stream().mapToInt(paper -> Sentences.split(paper.abstractText()).size())
                .sum();

        assertThat((double) sentences / BundledPapers.all().size()).isBetween(7.0, 9.0);
    }

    @Test
    void never_loses_text_of_random_punctuation_soup() {
        String alphabet = "aB1.!?;:()[]{}\"'“”… \n\t\u00a0";
        Random random = new Random(7);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }

            List<String> sentences = Sentences.split(text.toString());

            assertThat(sentences).allSatisfy(sentence -> assertThat(sentence).isNotBlank().isEqualTo(sentence.strip()));
            assertThat(String.join(" ", sentences)).as("%s", text).isEqualTo(normalized(text.toString()));
        }
    }

    private static String normalized(String text) {
        return text.replaceAll("(?U)\\s+", " ").strip();
    }
}
