package io.simdex.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Readable words: lower case, no stop words, not stemmed, letters only. */
class WordsTest {

    @Test
    void words_are_lower_cased_unstemmed_and_without_stop_words_numbers_or_short_ones() {
        assertThat(Words.distinct("The Networks of GPT-4 and the networks: 3D graphs in an Ω-field, é", 3))
                .containsExactly("networks", "gpt", "graphs", "field");
    }

    @Test
    void a_blank_text_has_no_words() {
        assertThat(Words.distinct("  ", 3)).isEmpty();
    }
}
