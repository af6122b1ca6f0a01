package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SynonymsTest {

    @Test
    void knows_well_over_eighty_words_and_phrases_in_lower_case() {
        assertThat(Synonyms.entries()).isGreaterThanOrEqualTo(80);
        assertThat(Synonyms.forms()).hasSizeGreaterThan(Synonyms.entries())
                .allSatisfy(form -> assertThat(form).isLowerCase().isEqualTo(form.strip()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "propose|we|introduce",
            "proposed|method|introduced",
            "However||Nevertheless",
            "HOWEVER||NEVERTHELESS",
            "In order to|solve|To",
            "methods|and|approaches",
            "results|are|findings"})
    void replaces_a_form_in_the_case_it_was_written(String match, String next, String expected) {
        assertThat(Synonyms.replace(match, next == null ? "" : next)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"results|in", "results|from", "zebra|grazes"})
    void has_no_replacement_for_an_unknown_word_or_a_ruled_out_context(String match, String next) {
        assertThat(Synonyms.replace(match, next)).isNull();
    }
}
