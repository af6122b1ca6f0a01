package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

class RetitlerTest {

    @Test
    void drops_a_one_word_prefix_swaps_around_the_colon_or_rephrases() {
        Set<String> titles = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            titles.add(Retitler.retitle("CATSplat: Context-Aware Transformer with a Novel Method", new Random(seed)));
        }

        assertThat(titles).containsExactlyInAnyOrder(
                "Context-Aware Transformer with a Novel Method",
                "Context-Aware Transformer with a Novel Method: CATSplat",
                "CATSplat: Context-Aware Transformer with a New Approach");
    }

    @Test
    void swaps_the_parts_of_a_title_with_a_longer_prefix_but_keeps_its_words() {
        String title = "Policy Evaluation in Continuous Time: a Martingale Approach";

        String retitled = Retitler.retitle(title, new Random(1));

        assertThat(retitled).isIn("A Martingale Approach: Policy Evaluation in Continuous Time",
                "Policy Evaluation in Continuous Time: a Martingale Technique");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Debiased Contrastive Learning|On Debiased Contrastive Learning",
            "Can LLMs Plan?|A Closer Look: Can LLMs Plan?"})
    void prefixes_a_title_that_nothing_else_can_change(String title, String expected) {
        assertThat(Retitler.retitle(title, new Random(1))).isEqualTo(expected);
    }

    @Test
    void joins_a_swapped_question_without_a_colon() {
        Set<String> titles = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            titles.add(Retitler.retitle("Few-Shot Segmentation: Is Transduction All You Need?", new Random(seed)));
        }

        assertThat(titles).contains("Is Transduction All You Need? Few-Shot Segmentation");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A: B|a b|true",
            "Deep  Learning!|deep learning|true",
            "A: B|B: A|false",
            "On Learning|Learning|false"})
    void compares_titles_by_their_words_in_order(String a, String b, boolean same) {
        assertThat(Retitler.sameWords(a, b)).isEqualTo(same);
    }
}
