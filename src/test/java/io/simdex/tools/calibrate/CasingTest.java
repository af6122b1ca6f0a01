package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CasingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "method|approach|approach",
            "Method|approach|Approach",
            "METHOD|approach|APPROACH",
            "In order to|to|To",
            "A|an|An",
            "ÉTUDE|essai|ESSAI"})
    void cases_a_replacement_like_the_word_it_replaces(String original, String replacement, String expected) {
        assertThat(Casing.like(original, replacement)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"word|Word", "éclair|Éclair", "''|''", "1st|1st"})
    void capitalizes_the_first_character_only(String text, String expected) {
        assertThat(Casing.capitalize(text)).isEqualTo(expected);
    }
}
