package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.simdex.BundledPapers;
import io.simdex.text.TextOverlap;

import java.util.Random;

class ParaphraserTest {

    @Test
    void rewrites_every_place_it_can_when_asked_for_everything() {
        String text = "We propose a novel method that significantly improves results. However, it is very slow, "
                + "rather than fast.";

        assertThat(rewriteAll(text)).isEqualTo("This paper proposes a new approach "
                + "that substantially enhances findings. Nevertheless, it is slow, rather than quick.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "In this paper, we study graphs.|This paper studies graphs.",
            "In this work, we introduce X.|This work introduces X.",
            "It works. We analyze why.|It works. This paper analyzes why.",
            "In order to address this problem, we use a variety of datasets."
                    + "|To tackle this issue, we employ various data sets.",
            "A METHOD for all.|An APPROACH for all.",
            "This results in gains; the results are good.|This results in gains; the findings are good."})
    void rewrites_phrases_inflections_and_openings_in_the_case_of_the_original(String text, String expected) {
        assertThat(rewriteAll(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "We use a method and an issue.|We employ an approach and a problem.",
            "It is a very important step.|It is a crucial step.",
            "A method, an LLM and a unified view.|An approach, an LLM and a unified view."})
    void makes_an_article_next_to_an_edit_agree_and_leaves_the_others_alone(String text, String expected) {
        assertThat(rewriteAll(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A method-agnostic pre-method view.",
            "Generally, it holds.",
            "It is Very Good."})
    void leaves_hyphenated_words_sentence_openings_and_capitalized_hedges_alone(String text) {
        assertThat(rewriteAll(text)).isEqualTo(text);
    }

    @Test
    void returns_text_without_dictionary_words_unchanged() {
        assertThat(Paraphraser.rewrite("Zebras graze on savannas.", new Random(3), 0.2))
                .isEqualTo("Zebras graze on savannas.");
    }

    @Test
    void rewrites_less_for_a_smaller_share_but_always_something() {
        String text = BundledPapers.byId("compositional-deep-learning").abstractText();

        String little = Paraphraser.rewrite(text, new Random(5), 0.05);
        String most = Paraphraser.rewrite(text, new Random(5), 1.0);

        float littleChange = 1 - TextOverlap.between(text, little).tokenJaccard();
        float mostChange = 1 - TextOverlap.between(text, most).tokenJaccard();

        assertThat(littleChange).isPositive().isLessThan(mostChange / 2);
    }

    @Test
    void counts_content_words_without_grammar_words() {
        assertThat(Paraphraser.contentWords("We propose a new method for the task of graph matching."))
                .isEqualTo(6);
    }

    @Test
    void chooses_the_same_edits_for_the_same_random_seed() {
        String text = BundledPapers.all().get(10).abstractText();

        String once = Paraphraser.rewrite(text, new Random(9), 0.2);

        assertThat(Paraphraser.rewrite(text, new Random(9), 0.2)).isEqualTo(once);
    }

    /** Every edit that fits, as a retitle does. */
    private static String rewriteAll(String text) {
        return Paraphraser.rewrite(text, new Random(1), 1.0);
    }
}
