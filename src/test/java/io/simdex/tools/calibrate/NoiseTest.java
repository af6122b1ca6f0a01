package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.text.TextOverlap;
import io.simdex.text.Whitespace;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

class NoiseTest {

    private static final String TEXT = "Large language models are strong, but they are slow. We study why, and we "
            + "propose a remedy that works across many settings: pruning, caching, and batching.";

    @Test
    void respacing_changes_whitespace_and_nothing_else() {
        for (int seed = 0; seed < 50; seed++) {
            String respaced = Noise.respace(TEXT, new Random(seed));

            assertThat(respaced).isNotEqualTo(TEXT);
            assertThat(Whitespace.normalize(respaced)).isEqualTo(TEXT);
        }
    }

    @Test
    void respaces_a_single_word_with_a_trailing_line_break() {
        assertThat(Noise.respace("word", new Random(1))).isEqualTo("word\n");
    }

    @Test
    void full_noise_keeps_the_tokens_apart_from_two_typos() {
        for (int seed = 0; seed < 50; seed++) {
            String noisy = Noise.apply(TEXT, new Random(seed), Noise.FULL);

            TextOverlap.Overlap overlap = TextOverlap.between(TEXT, noisy);
            assertThat(noisy).isNotEqualTo(TEXT);
            // two typos replace at most two of the 23 distinct tokens: (23 - 2) / (23 + 2) at worst
            assertThat(overlap.tokenJaccard()).isGreaterThanOrEqualTo(21f / 25f);
        }
    }

    @Test
    void full_noise_changes_the_case_of_some_words_and_the_punctuation_or_spacing_around_others() {
        String noisy = Noise.apply(TEXT, new Random(3), Noise.FULL);

        List<String> before = List.of(TEXT.split("[^\\p{L}]+"));
        List<String> after = List.of(noisy.split("[^\\p{L}]+"));
        assertThat(after).hasSameSizeAs(before);
        assertThat(IntStream.range(0, before.size())
                .filter(i -> !before.get(i).equals(after.get(i)) && before.get(i).equalsIgnoreCase(after.get(i))))
                .isNotEmpty();
        assertThat(noisy.replaceAll("\\p{L}+", "")).isNotEqualTo(TEXT.replaceAll("\\p{L}+", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "42", "ab cd", "A short sentence."})
    void always_changes_even_a_tiny_text(String text) {
        for (int seed = 0; seed < 20; seed++) {
            assertThat(Noise.apply(text, new Random(seed), Noise.LIGHT)).isNotEqualTo(text).isNotBlank();
            assertThat(Noise.apply(text, new Random(seed), Noise.FULL)).isNotEqualTo(text).isNotBlank();
        }
    }

    @Test
    void is_deterministic_for_a_seed() {
        String once = Noise.apply(TEXT, new Random(11), Noise.FULL);

        assertThat(Noise.apply(TEXT, new Random(11), Noise.FULL)).isEqualTo(once);
        assertThat(Noise.respace(TEXT, new Random(11))).isEqualTo(Noise.respace(TEXT, new Random(11)));
    }
}
