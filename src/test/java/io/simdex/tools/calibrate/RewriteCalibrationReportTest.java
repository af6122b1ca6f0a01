package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.simdex.dedup.DuplicateBands;
import io.simdex.dedup.RewriteRule;

import java.util.List;

/** The fit of the bands and the rewrite rule on small hand-made cases, and that it never looks at the held-out half. */
class RewriteCalibrationReportTest {

    private static final DuplicateBands CONFIGURED = new DuplicateBands(0.97f, 0.86f, 0.67f, 0.35f);
    private static final float[][] ALIGNED = {{0.9f, 0.1f}, {0.1f, 0.9f}};
    private static final float[][] ONE_OF_TWO = {{0.9f, 0.1f}, {0.1f, 0.2f}};

    private static final List<RewriteCalibration.Case> CASES = List.of(
            // a paraphrase cosine misses, whose sentences all align, keeping its numbers
            new RewriteCalibration.Case("paraphrase", "rw-1", "a", false, 0.80f, 0.1f, ALIGNED, 1f),
            // a half-length rewrite cosine catches, keeping 0.8 of its specifics
            new RewriteCalibration.Case("half", "rw-2", "b", false, 0.90f, 0.2f, ALIGNED, 0.8f),
            // a sibling paper: one sentence of two aligns, other numbers
            new RewriteCalibration.Case("distinct", "c", "d", false, 0.80f, 0.0f, ONE_OF_TWO, 0f),
            // held out: a negative that the rule's fit must not see, else no share could separate
            new RewriteCalibration.Case("distinct", "e", "f", true, 0.80f, 0.0f, ALIGNED, 1f));

    @Test
    void the_bands_sit_just_above_the_closest_negative_of_both_halves() {
        DuplicateBands bands = new RewriteCalibrationReport(CASES, CONFIGURED).suggestedBands();

        assertThat(bands.nearDuplicate()).isEqualTo(0.805f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(bands.related()).isEqualTo(0.795f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(bands.duplicate()).isEqualTo(0.97f);
        assertThat(bands.copiedText()).isEqualTo(0.35f);
    }

    @Test
    void the_rule_puts_the_aligned_share_halfway_and_keeps_the_specifics_every_rewrite_kept() {
        var report = new RewriteCalibrationReport(CASES, CONFIGURED);
        DuplicateBands bands = report.suggestedBands();

        RewriteRule rule = report.fit(bands);

        // at every cosine up to 0.9 the negative aligns 0.5 and the rewrites 1.0: halfway is 0.75; ties go to the
        // highest such cosine; the lowest share of specifics a rewrite kept is 0.8
        assertThat(rule).isEqualTo(new RewriteRule(0.9f, 0.75f, 0.8f));
        assertThat(RewriteCalibrationReport.flagged(CASES.get(0), bands, rule)).isTrue();
        assertThat(RewriteCalibrationReport.flagged(CASES.get(0), bands, null)).isFalse();
        assertThat(RewriteCalibrationReport.flagged(CASES.get(2), bands, rule)).isFalse();
        assertThat(RewriteCalibrationReport.flagged(CASES.get(3), bands, rule)).isTrue();
    }

    @Test
    void the_report_shows_the_rule_and_both_halves() {
        String markdown = new RewriteCalibrationReport(CASES, CONFIGURED).markdown("fake fp32", 1.0);

        assertThat(markdown).contains("Fitted rewrite rule: sentence-match 0.900, aligned-sentences 0.75, "
                + "shared-specifics 0.8.").contains("Held-out half").contains("Fit half")
                // fit half: both rewrites flagged (one by cosine, one by the rule), the sibling not
                .contains("| suggested bands + rewrite rule | 1/1 | 1/1 | 0/0 | 0/0 | 1.000 (2/2) | 0/1 | 0/0 | 1.000 |")
                // held out: the one negative, which aligns fully, is flagged: the fit did not see it
                .contains("| suggested bands + rewrite rule | 0/0 | 0/0 | 0/0 | 0/0 | 0.000 (0/0) | 1/1 | 0/0 | 0.000 |");
    }
}
