package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.text.Sentences;

import java.util.List;
import java.util.Random;

class SentenceEditsTest {

    @Test
    void reorders_sentences_into_a_different_order_of_the_same_sentences() {
        String text = "One is first. Two is second. Three is third. Four is fourth.";

        for (int seed = 0; seed < 30; seed++) {
            String reordered = SentenceEdits.reorder(text, new Random(seed)).orElseThrow();

            assertThat(reordered).isNotEqualTo(text);
            assertThat(Sentences.split(reordered)).containsExactlyInAnyOrderElementsOf(Sentences.split(text));
        }
    }

    @Test
    void keeps_a_lower_case_first_sentence_and_an_unpunctuated_last_one_in_place() {
        String text = "stream-learn is a package. It generates streams. It also evaluates. Code: https://x.io/y";

        for (int seed = 0; seed < 10; seed++) {
            List<String> sentences = Sentences.split(SentenceEdits.reorder(text, new Random(seed)).orElseThrow());

            assertThat(sentences).first().isEqualTo("stream-learn is a package.");
            assertThat(sentences).last().isEqualTo("Code: https://x.io/y");
            assertThat(sentences.subList(1, 3)).containsExactly("It also evaluates.", "It generates streams.");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Only one sentence.", "Same. Same.", "lower start. One more. Code: x.io", ""})
    void cannot_reorder_fewer_than_two_movable_or_distinct_sentences(String text) {
        assertThat(SentenceEdits.reorder(text, new Random(1))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "0.5, 'Aa aa. Bb bb. Cc cc. Dd dd.', 'Aa aa. Bb bb.'",
            "0.7, 'Aa aa. Bb bb. Cc cc. Dd dd.', 'Aa aa. Bb bb. Cc cc.'",
            "0.5, 'Aa aa. Bb bb.', 'Aa aa.'",
            "0.99, 'Aa aa. Bb bb.', 'Aa aa.'",
            "0.6, 'one two three four five', 'one two three'",
            "0.5, 'Word.', 'Wor'",
            "0.5, 'x', 'x'"})
    void truncates_by_sentences_then_words_then_characters_never_to_nothing(double share, String text, String kept) {
        assertThat(SentenceEdits.truncate(text, share)).isEqualTo(kept);
    }
}
