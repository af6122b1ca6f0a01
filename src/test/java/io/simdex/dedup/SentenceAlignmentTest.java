package io.simdex.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sentence alignment coverage on small hand-computed cosine matrices. */
class SentenceAlignmentTest {

    @Test
    void counts_the_shorter_texts_sentences_that_have_a_close_counterpart() {
        // 2 sentences against 3: the first aligns (0.9), the second's best is 0.6
        float[][] cosines = {
            {0.9f, 0.1f, 0.2f},
            {0.3f, 0.6f, 0.5f},
        };
        assertThat(SentenceAlignment.coverage(cosines, 0.8f)).isEqualTo(0.5f);
        assertThat(SentenceAlignment.coverage(cosines, 0.6f)).isEqualTo(1f);
        assertThat(SentenceAlignment.coverage(cosines, 0.95f)).isZero();
    }

    @Test
    void the_shorter_side_is_measured_whichever_text_is_the_query() {
        // 3 sentences against 2, the transpose of the case above: still the two-sentence side is measured
        float[][] cosines = {
            {0.9f, 0.3f},
            {0.1f, 0.6f},
            {0.2f, 0.5f},
        };
        assertThat(SentenceAlignment.coverage(cosines, 0.8f)).isEqualTo(0.5f);
    }

    @Test
    void with_as_many_sentences_on_both_sides_the_better_share_counts() {
        // rows: both align with column 0; columns: only column 0 is aligned
        float[][] cosines = {
            {0.9f, 0.1f},
            {0.85f, 0.2f},
        };
        assertThat(SentenceAlignment.coverage(cosines, 0.8f)).isEqualTo(1f);
    }

    @Test
    void a_text_without_sentences_covers_nothing() {
        assertThat(SentenceAlignment.coverage(new float[0][0], 0.5f)).isZero();
        assertThat(SentenceAlignment.coverage(new float[][] {{}}, 0.5f)).isZero();
    }

    @Test
    void ragged_rows_are_refused() {
        assertThatThrownBy(() -> SentenceAlignment.coverage(new float[][] {{0.1f}, {0.1f, 0.2f}}, 0.5f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
    }

    @Test
    void the_rewrite_rule_lifts_only_related_matches_that_align_and_keep_their_specifics() {
        var rule = new RewriteRule(0.8f, 0.6f, 0.5f);

        assertThat(rule.lift(Band.RELATED, 0.7f, 0.5f)).isEqualTo(Band.NEAR_DUPLICATE);
        assertThat(rule.lift(Band.RELATED, 0.7f, Float.NaN)).isEqualTo(Band.NEAR_DUPLICATE);
        assertThat(rule.lift(Band.RELATED, 0.5f, 1f)).isEqualTo(Band.RELATED);
        assertThat(rule.lift(Band.RELATED, 0.9f, 0.2f)).isEqualTo(Band.RELATED);
        assertThat(rule.lift(Band.RELATED, Float.NaN, 1f)).isEqualTo(Band.RELATED);
        assertThat(rule.lift(Band.NEW, 1f, 1f)).isEqualTo(Band.NEW);
        assertThat(rule.lift(Band.NEAR_DUPLICATE, 1f, 1f)).isEqualTo(Band.NEAR_DUPLICATE);
    }
}
