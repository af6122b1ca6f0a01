package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.BundledPapers;
import io.simdex.corpus.Paper;
import io.simdex.text.Sentences;
import io.simdex.text.TextOverlap;
import io.simdex.text.TextOverlap.Overlap;
import io.simdex.text.Whitespace;
import io.simdex.tools.calibrate.Variant.Kind;

import java.util.List;
import java.util.Locale;

class VariantsTest {

    private static final List<Paper> PAPERS = BundledPapers.all();
    private static final long SEED = 42;

    @Test
    void makes_one_variant_of_each_kind_in_kind_order() {
        Paper paper = PAPERS.get(0);

        List<Variant> variants = Variants.of(paper, SEED);

        assertThat(variants).extracting(Variant::kind).containsExactly(Kind.values());
        assertThat(variants).extracting(Variant::sourceId).containsOnly(paper.id());
    }

    @Test
    void gives_the_same_variants_for_the_same_seed_and_a_single_kind_the_same_as_the_whole_set() {
        for (Paper paper : PAPERS.subList(0, 60)) {
            List<Variant> variants = Variants.of(paper, SEED);

            assertThat(Variants.of(paper, SEED)).isEqualTo(variants);
            for (Variant variant : variants) {
                assertThat(Variants.of(paper, variant.kind(), SEED)).isEqualTo(variant);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"EXACT_COPY", "NOISE", "REORDERED", "PARAPHRASED", "COMBINED"})
    void gives_different_variants_for_different_seeds(Kind kind) {
        // a paraphrase that needs every place the dictionary fits is the same for every seed
        long differing = PAPERS.subList(0, 50).stream()
                .filter(paper -> !Variants.of(paper, kind, 1).equals(Variants.of(paper, kind, 2)))
                .count();

        assertThat(differing).isGreaterThanOrEqualTo(35);
    }

    @Test
    void pins_a_few_variants_so_that_generator_changes_show_up_in_review() {
        Paper paper = new Paper("p", "Adam: A Method for Stochastic Optimization",
                "We propose a novel method that significantly improves results. However, it is very slow. "
                        + "Experiments on many datasets show the approach is robust.", List.of());

        assertThat(Variants.of(paper, Kind.PARAPHRASED, 7).abstractText()).isEqualTo(
                "We propose a novel method that significantly improves findings. However, it is very slow. "
                        + "Evaluations on numerous datasets show the approach is robust.");
        assertThat(Variants.of(paper, Kind.RETITLED, 7).title()).isEqualTo("A Method for Stochastic Optimization");
        assertThat(Variants.of(paper, Kind.TRUNCATED, 7).abstractText())
                .isEqualTo("We propose a novel method that significantly improves results. However, it is very slow.");
    }

    @Test
    void exact_copies_differ_in_whitespace_only() {
        for (Paper paper : PAPERS) {
            Variant copy = Variants.of(paper, Kind.EXACT_COPY, SEED);

            assertThat(copy.abstractText()).isNotEqualTo(paper.abstractText());
            assertThat(Whitespace.normalize(copy.abstractText())).isEqualTo(paper.abstractText());
            assertThat(copy.title()).isEqualTo(paper.title());
        }
    }

    @Test
    void noise_changes_the_text_but_keeps_nearly_all_words_and_shingles() {
        for (Paper paper : PAPERS) {
            Variant noisy = Variants.of(paper, Kind.NOISE, SEED);
            Overlap overlap = TextOverlap.between(paper.abstractText(), noisy.abstractText());

            assertThat(Whitespace.normalize(noisy.abstractText())).isNotEqualTo(paper.abstractText());
            assertThat(noisy.abstractText().toLowerCase(Locale.ROOT))
                    .as("more than case changes").isNotEqualTo(paper.abstractText().toLowerCase(Locale.ROOT));
            assertThat(overlap.tokenJaccard()).as(paper.id()).isGreaterThan(0.85f).isLessThan(1f);
            assertThat(overlap.shingleContainment()).as(paper.id()).isGreaterThan(0.8f);
            assertThat(noisy.title()).isEqualTo(paper.title());
        }
    }

    @Test
    void reordering_keeps_the_same_sentences_in_another_order() {
        for (Paper paper : PAPERS) {
            List<String> original = Sentences.split(paper.abstractText());
            Variant reordered = Variants.of(paper, Kind.REORDERED, SEED);
            List<String> sentences = Sentences.split(reordered.abstractText());
            if (original.size() < 3) {
                continue; // may be light noise instead, see the next test
            }

            assertThat(sentences).as(paper.id()).isNotEqualTo(original).containsExactlyInAnyOrderElementsOf(original);
            assertThat(reordered.title()).isEqualTo(paper.title());
        }
    }

    @Test
    void reorders_a_one_sentence_abstract_by_light_noise() {
        Paper paper = new Paper("p", "Title", "We study the convergence of gradient descent on deep linear networks.",
                List.of());

        Variant reordered = Variants.of(paper, Kind.REORDERED, SEED);

        assertThat(reordered.abstractText()).isNotEqualTo(paper.abstractText());
        assertThat(TextOverlap.between(paper.abstractText(), reordered.abstractText()).tokenJaccard())
                .isGreaterThan(0.75f);
    }

    @Test
    void paraphrasing_changes_ten_to_forty_percent_of_the_tokens_of_every_bundled_abstract() {
        for (long seed : new long[] {SEED, 1, 2}) {
            for (Paper paper : PAPERS) {
                Variant paraphrased = Variants.of(paper, Kind.PARAPHRASED, seed);
                Overlap overlap = TextOverlap.between(paper.abstractText(), paraphrased.abstractText());
                float changed = 1 - overlap.tokenJaccard();

                assertThat(changed).as("%s with seed %d", paper.id(), seed).isBetween(0.10f, 0.40f);
                assertThat(paraphrased.title()).isEqualTo(paper.title());
            }
        }
    }

    @Test
    void paraphrases_an_abstract_without_dictionary_words_by_an_opening_phrase() {
        Paper paper = new Paper("p", "Title", "Zebras graze. Lions hunt zebras.", List.of());

        assertThat(Variants.of(paper, Kind.PARAPHRASED, SEED).abstractText())
                .isEqualTo("In summary, zebras graze. Lions hunt zebras.");
    }

    @Test
    void truncating_keeps_the_first_half_to_two_thirds_of_the_sentences() {
        for (Paper paper : PAPERS) {
            List<String> original = Sentences.split(paper.abstractText());
            Variant truncated = Variants.of(paper, Kind.TRUNCATED, SEED);
            List<String> kept = Sentences.split(truncated.abstractText());
            if (original.size() < 2) {
                continue;
            }

            assertThat(kept).as(paper.id()).isNotEmpty().hasSizeLessThan(original.size())
                    .isEqualTo(original.subList(0, kept.size()));
            assertThat(kept.size()).isBetween((int) Math.round(original.size() * 0.5),
                    (int) Math.round(original.size() * 0.7));
            assertThat(truncated.title()).isEqualTo(paper.title());
        }
    }

    @Test
    void truncates_a_one_sentence_abstract_to_its_first_words() {
        Paper paper = new Paper("p", "Title", "We study the convergence of gradient descent on deep linear networks.",
                List.of());

        String truncated = Variants.of(paper, Kind.TRUNCATED, SEED).abstractText();

        assertThat(paper.abstractText()).startsWith(truncated + " ");
        assertThat(truncated.split(" ")).hasSizeBetween(6, 8);
    }

    @Test
    void retitling_changes_the_title_words_and_keeps_the_abstract() {
        for (Paper paper : PAPERS) {
            Variant retitled = Variants.of(paper, Kind.RETITLED, SEED);

            assertThat(Retitler.sameWords(retitled.title(), paper.title())).as(retitled.title()).isFalse();
            assertThat(retitled.abstractText()).isEqualTo(paper.abstractText());
        }
    }

    @Test
    void combines_retitling_paraphrase_reordering_and_noise_into_the_hardest_duplicate() {
        for (Paper paper : PAPERS) {
            Variant combined = Variants.of(paper, Kind.COMBINED, SEED);
            Overlap overlap = TextOverlap.between(paper.abstractText(), combined.abstractText());
            Overlap paraphraseOnly = TextOverlap.between(paper.abstractText(),
                    Variants.of(paper, Kind.PARAPHRASED, SEED).abstractText());

            assertThat(Retitler.sameWords(combined.title(), paper.title())).isFalse();
            assertThat(overlap.tokenJaccard()).as(paper.id()).isBetween(0.5f, 0.92f);
            assertThat(overlap.shingleContainment()).as(paper.id()).isLessThan(0.9f);
            assertThat(overlap.shingleContainment()).isLessThanOrEqualTo(paraphraseOnly.shingleContainment() + 0.1f);
        }
    }

    @Test
    void ranks_the_kinds_from_easiest_to_hardest_by_shingle_containment_on_average() {
        double[] containment = new double[Kind.values().length];
        for (Paper paper : PAPERS) {
            for (Variant variant : Variants.of(paper, SEED)) {
                containment[variant.kind().ordinal()] +=
                        TextOverlap.between(paper.embeddingText(), variant.text()).shingleContainment();
            }
        }

        assertThat(containment[Kind.EXACT_COPY.ordinal()]).isEqualTo(PAPERS.size());
        assertThat(containment[Kind.NOISE.ordinal()]).isGreaterThan(containment[Kind.PARAPHRASED.ordinal()]);
        assertThat(containment[Kind.REORDERED.ordinal()]).isGreaterThan(containment[Kind.PARAPHRASED.ordinal()]);
        assertThat(containment[Kind.PARAPHRASED.ordinal()]).isGreaterThan(containment[Kind.COMBINED.ordinal()]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "Short.", "two words", "One sentence only.", "One. Two."})
    void never_makes_an_empty_variant_of_a_tiny_abstract(String abstractText) {
        Paper paper = new Paper("tiny", "T", abstractText, List.of());

        List<Variant> variants = Variants.of(paper, SEED);

        assertThat(variants).hasSize(Kind.values().length).allSatisfy(variant -> {
            assertThat(variant.abstractText()).isNotBlank();
            assertThat(variant.title()).isNotBlank();
        });
        assertThat(variants).filteredOn(variant -> variant.kind() != Kind.TRUNCATED || abstractText.length() > 1)
                .allSatisfy(variant -> assertThat(variant.title() + "|" + variant.abstractText())
                        .as(variant.kind().name()).isNotEqualTo(paper.title() + "|" + paper.abstractText()));
    }

    @Test
    void builds_the_text_to_embed_the_way_a_paper_does() {
        Variant variant = new Variant(Kind.RETITLED, "p", "Can LLMs plan?", "We  test it.");
        Variant plain = new Variant(Kind.RETITLED, "p", "On Planning", "We test it.");

        assertThat(variant.text()).isEqualTo("Can LLMs plan? We  test it.");
        assertThat(plain.text()).isEqualTo("On Planning. We test it.");
    }

    @Test
    void rejects_a_variant_without_kind_source_title_or_abstract() {
        assertThatThrownBy(() -> new Variant(null, "p", "T", "A")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Variant(Kind.NOISE, " ", "T", "A")).hasMessageContaining("source id");
        assertThatThrownBy(() -> new Variant(Kind.NOISE, "p", "", "A"))
                .hasMessage("NOISE variant of p: title must be non-blank");
        assertThatThrownBy(() -> new Variant(Kind.NOISE, "p", "T", null))
                .hasMessage("NOISE variant of p: abstract must be non-blank");
        assertThatThrownBy(() -> Variants.of(null, SEED)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Variants.of(PAPERS.get(0), null, SEED)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keeps_a_lower_case_opening_and_an_unpunctuated_code_link_in_place_when_reordering() {
        Paper paper = BundledPapers.byId(
                "stream-learn-open-source-python-library-for-difficult-data-stream-batch-analysis");
        Paper withLink = BundledPapers.byId("preserving-modality-structure-improves-multi-modal-learning");

        List<String> streamLearn = Sentences.split(Variants.of(paper, Kind.REORDERED, SEED).abstractText());
        List<String> linked = Sentences.split(Variants.of(withLink, Kind.REORDERED, SEED).abstractText());

        assertThat(streamLearn.get(0)).startsWith("stream-learn is a Python package");
        assertThat(linked.get(linked.size() - 1)).isEqualTo("Code: https://github.com/Swetha5/Multi_Sinkhorn_Knopp");
    }
}
