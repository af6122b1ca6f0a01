package io.simdex.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.simdex.BundledPapers;
import io.simdex.corpus.Paper;
import io.simdex.text.TextOverlap.Overlap;
import io.simdex.text.TextOverlap.Profile;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

class TextOverlapTest {

    private static final String ABSTRACT = "We propose a unified framework to study policy evaluation and the "
            + "associated temporal difference methods for reinforcement learning in continuous time and space. "
            + "We show that policy evaluation is equivalent to maintaining the martingale condition of a process. "
            + "We present two methods to use the martingale characterization for designing new algorithms.";

    @Test
    void scores_a_hand_computed_pair() {
        // tokens {the, cat, sat, on, mat} and {the, cat, sat, on, a, hat}: 4 shared of 7
        // shingles: "the cat sat" and "cat sat on" shared, of 4 on each side
        Overlap overlap = TextOverlap.between("The cat sat on the mat.", "the cat sat on a hat");

        assertThat(overlap.tokenJaccard()).isCloseTo(4f / 7f, within(1e-6f));
        assertThat(overlap.shingleContainment()).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void scores_identical_texts_one_on_both_signals() {
        assertThat(TextOverlap.between(ABSTRACT, ABSTRACT)).isEqualTo(new Overlap(1f, 1f));
    }

    @Test
    void ignores_case_punctuation_and_whitespace_noise() {
        String noisy = "  we PROPOSE a unified framework, to study policy-evaluation and the associated\n\n"
                + "temporal difference methods for Reinforcement Learning in continuous time and space We show "
                + "that policy evaluation is equivalent to maintaining the martingale condition of a process!!! "
                + "we present two methods to use the martingale characterization for designing new algorithms";

        assertThat(TextOverlap.between(ABSTRACT, noisy)).isEqualTo(new Overlap(1f, 1f));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ﬁne-tuning of ＢＥＲＴ on ２ tasks|fine tuning of bert on 2 tasks",
            "Ⅻ ﬂows|xii flows",
            "CAFÉ au lait|café au lait",
            "e\u0301tude des modèles|étude des modèles"})
    void treats_compatibility_forms_as_the_characters_they_stand_for(String unusual, String plain) {
        assertThat(TextOverlap.between(unusual, plain)).isEqualTo(new Overlap(1f, 1f));
    }

    @Test
    void scores_a_truncated_copy_as_fully_contained_but_not_the_same_words() {
        String firstSentence = ABSTRACT.substring(0, ABSTRACT.indexOf(". ") + 1);

        Overlap overlap = TextOverlap.between(ABSTRACT, firstSentence);

        assertThat(overlap.shingleContainment()).isEqualTo(1f);
        assertThat(overlap.tokenJaccard()).isBetween(0.3f, 0.7f);
    }

    @Test
    void keeps_most_shingles_of_reordered_sentences() {
        List<String> sentences = Sentences.split(ABSTRACT);
        String reordered = String.join(" ", sentences.get(2), sentences.get(0), sentences.get(1));

        Overlap overlap = TextOverlap.between(ABSTRACT, reordered);

        assertThat(overlap.tokenJaccard()).isEqualTo(1f);
        assertThat(overlap.shingleContainment()).isGreaterThan(0.9f).isLessThan(1f);
    }

    @Test
    void scores_texts_without_shared_words_zero() {
        Overlap overlap = TextOverlap.between("graph neural networks for molecules", "a survey of protein folding");

        assertThat(overlap).isEqualTo(new Overlap(0f, 0f));
    }

    @Test
    void scores_the_same_words_in_another_order_as_the_same_tokens_but_other_shingles() {
        Overlap overlap = TextOverlap.between("alpha beta gamma delta", "delta gamma beta alpha");

        assertThat(overlap).isEqualTo(new Overlap(1f, 0f));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''|''", "''|some words here", "...|!!! ???", "' '|-- , --"})
    void scores_zero_when_either_text_has_no_tokens(String a, String b) {
        assertThat(TextOverlap.between(a, b)).isEqualTo(new Overlap(0f, 0f));
        assertThat(TextOverlap.between(b, a)).isEqualTo(new Overlap(0f, 0f));
    }

    @Test
    void compares_token_sets_for_containment_when_a_text_has_fewer_than_three_tokens() {
        Overlap shortInLong = TextOverlap.between("Adam", "Adam: a method for stochastic optimization");
        Overlap twoWords = TextOverlap.between("stochastic Adam", "adam, stochastic");

        assertThat(shortInLong.shingleContainment()).isEqualTo(1f);
        assertThat(shortInLong.tokenJaccard()).isCloseTo(1f / 6f, within(1e-6f));
        assertThat(twoWords).isEqualTo(new Overlap(1f, 1f));
    }

    @Test
    void counts_a_repeated_shingle_once() {
        // "a a a a" has the single shingle "a a a"; the token set is {a}
        Overlap overlap = TextOverlap.between("a a a a", "a a a b");

        assertThat(overlap.tokenJaccard()).isCloseTo(0.5f, within(1e-6f));
        assertThat(overlap.shingleContainment()).isEqualTo(1f);
    }

    @Test
    void splits_tokens_at_every_character_that_is_not_a_letter_or_digit() {
        Profile profile = TextOverlap.profile("v1.2 of GPT-4o (state-of-the-art) scores 95.3%");

        // v1, 2, of, gpt, 4o, state, of, the, art, scores, 95, 3
        assertThat(profile.tokenCount()).isEqualTo(12);
        assertThat(profile.distinctTokens()).isEqualTo(11);
    }

    @Test
    void is_symmetric_and_agrees_with_the_prepared_form() {
        List<Paper> papers = BundledPapers.all().subList(0, 40);
        List<Profile> profiles = papers.stream().map(paper -> TextOverlap.profile(paper.embeddingText())).toList();

        for (int i = 0; i < papers.size(); i++) {
            for (int j = 0; j < papers.size(); j++) {
                Overlap fromText = TextOverlap.between(papers.get(i).embeddingText(), papers.get(j).embeddingText());

                assertThat(TextOverlap.between(profiles.get(i), profiles.get(j))).isEqualTo(fromText);
                assertThat(TextOverlap.between(profiles.get(j), profiles.get(i))).isEqualTo(fromText);
            }
        }
    }

    @Test
    void agrees_with_a_string_set_reference_on_real_abstracts_and_their_halves() {
        List<String> texts = new ArrayList<>();
        for (Paper paper : BundledPapers.all().subList(100, 160)) {
            String text = paper.abstractText();
            texts.add(text);
            texts.add(text.substring(text.length() / 2));
        }

        for (String a : texts) {
            for (String b : texts.subList(0, 20)) {
                Overlap overlap = TextOverlap.between(a, b);

                assertThat(overlap.tokenJaccard()).as("%s%n%s", a, b).isCloseTo(Reference.jaccard(a, b), within(1e-6f));
                assertThat(overlap.shingleContainment()).as("%s%n%s", a, b)
                        .isCloseTo(Reference.containment(a, b), within(1e-6f));
            }
        }
    }

    @Test
    void profiles_count_tokens_with_repeats_and_distinct_tokens() {
        Profile profile = TextOverlap.profile("To be, or not to be.");

        assertThat(profile.tokenCount()).isEqualTo(6);
        assertThat(profile.distinctTokens()).isEqualTo(4);
        assertThat(TextOverlap.profile(" \t").tokenCount()).isZero();
    }

    @Test
    void rejects_null_texts_and_profiles() {
        Profile profile = TextOverlap.profile("text");

        assertThatThrownBy(() -> TextOverlap.between(null, "b")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TextOverlap.profile(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TextOverlap.between(profile, null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @CsvSource({"-0.1, 0.5", "0.5, 1.01", "NaN, 0.5", "0.5, NaN"})
    void rejects_an_overlap_outside_zero_to_one(float jaccard, float containment) {
        assertThatThrownBy(() -> new Overlap(jaccard, containment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be in [0, 1]");
    }

    /** Strings in hash sets, the way one would write it without caring about speed. */
    private static final class Reference {

        static float jaccard(String a, String b) {
            Set<String> first = new HashSet<>(tokens(a));
            Set<String> second = new HashSet<>(tokens(b));
            Set<String> union = new HashSet<>(first);
            union.addAll(second);
            first.retainAll(second);
            return union.isEmpty() ? 0f : (float) first.size() / union.size();
        }

        static float containment(String a, String b) {
            List<String> first = tokens(a);
            List<String> second = tokens(b);
            boolean shingled = first.size() >= 3 && second.size() >= 3;
            Set<String> s = shingled ? shingles(first) : new HashSet<>(first);
            Set<String> t = shingled ? shingles(second) : new HashSet<>(second);
            int smaller = Math.min(s.size(), t.size());
            s.retainAll(t);
            return smaller == 0 ? 0f : (float) s.size() / smaller;
        }

        private static Set<String> shingles(List<String> tokens) {
            Set<String> shingles = new HashSet<>();
            for (int i = 0; i + 3 <= tokens.size(); i++) {
                shingles.add(String.join(" ", tokens.subList(i, i + 3)));
            }
            return shingles;
        }

        private static List<String> tokens(String text) {
            String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            return Arrays.stream(normalized.split("[^\\p{L}\\p{Nd}]+"))
                    .filter(token -> !token.isEmpty())
                    .toList();
        }
    }
}
