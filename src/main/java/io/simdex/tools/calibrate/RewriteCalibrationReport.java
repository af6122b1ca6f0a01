package io.simdex.tools.calibrate;

import io.simdex.dedup.Band;
import io.simdex.dedup.DuplicateBands;
import io.simdex.dedup.RewriteRule;
import io.simdex.dedup.SentenceAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Fits the duplicate decision on one half of the human-written cases and reports it on the other.
 *
 * <p>The bands come from every negative, as the generated-variant calibration sets them, since they are a
 * property of the corpus (where its closest distinct pair lies); the rewrite rule is fitted on the fit half only:
 * <ul>
 *   <li>near-duplicate: the lowest cosine on a 0.005 grid above every negative (distinct pairs and a rewrite's
 *       other matches), so that cosine alone flags none; related: the median cosine of the distinct pairs, below
 *       it; duplicate and copied-text stay as configured (copies score near 1 with any model, and word overlap
 *       does not depend on the model);</li>
 *   <li>the rewrite rule: shared-specifics is the lowest share of specific tokens a rewrite kept, rounded down to
 *       0.1; for each sentence-match cosine (0.500 to 0.975 by 0.025), aligned-sentences goes halfway between the
 *       highest share of any negative that cosine and copied text leave unflagged and the lowest share above it
 *       of a rewrite, so that sentence alignment alone separates them; the cosine whose share lifts the most
 *       rewrites wins (all of them count, whatever their cosine, so the rule is fitted on the signal rather than
 *       on the few rewrites cosine misses), then the one with the widest gap, then the higher cosine.</li>
 * </ul>
 *
 * @param cases      every pair measured, each in the fit or the held-out half
 * @param configured the bands simdex is configured with
 */
record RewriteCalibrationReport(List<RewriteCalibration.Case> cases, DuplicateBands configured) {

    private static final float GRID = 0.005f;

    RewriteCalibrationReport {
        cases = List.copyOf(cases);
    }

    /**
     * The bands this run suggests, from every negative of both halves: where the closest distinct pair of the corpus
     * lies is a property of the corpus, and a half misses that pair half the time.
     */
    DuplicateBands suggestedBands() {
        float highestNegative = 0f;
        var distinct = new ArrayList<Float>();
        for (RewriteCalibration.Case c : cases) {
            if (!c.positive()) {
                highestNegative = Math.max(highestNegative, c.cosine());
            }
            if (c.kind().equals("distinct")) {
                distinct.add(c.cosine());
            }
        }
        float near = (float) Math.floor(highestNegative / GRID + 1) * GRID;
        float[] scores = new float[distinct.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = distinct.get(i);
        }
        float related = Math.min(Math.round(ThresholdSweep.percentile(scores, 50) * 100) / 100f, near - 0.01f);
        float duplicate = Math.min(1f, Math.max(configured.duplicate(), near + GRID));
        return new DuplicateBands(duplicate, near, related, configured.copiedText());
    }

    /**
     * The rewrite rule fitted on the fit half for {@code bands}; null when sentence alignment separates no rewrite
     * from the negatives.
     */
    RewriteRule fit(DuplicateBands bands) {
        Candidate best = null;
        for (Candidate c : candidates(bands)) {
            if (c.rule() != null && (best == null || c.recall() > best.recall() + 1e-9
                    || (Math.abs(c.recall() - best.recall()) < 1e-9 && c.gap() >= best.gap() - 1e-6))) {
                best = c;
            }
        }
        return best == null ? null : best.rule();
    }

    /**
     * One sentence-match cosine tried by the fit.
     *
     * @param negativeMax the highest aligned share of a negative that the bands leave unflagged
     * @param lowest      the lowest aligned share of a rewrite above it; NaN when none is
     * @param rule        the rule with aligned-sentences halfway between; null when no rewrite is above
     * @param recall      the share of the fit half's rewrites whose aligned share reaches the rule's
     */
    record Candidate(float sentenceMatch, float negativeMax, float lowest, RewriteRule rule, double recall,
                     float gap) {
    }

    /** The fit's candidates, one per sentence-match cosine from 0.500 to 0.975 by 0.025. */
    List<Candidate> candidates(DuplicateBands bands) {
        List<RewriteCalibration.Case> fit = half(false);
        float shared = 1f;
        for (RewriteCalibration.Case c : fit) {
            if (RewriteSet.STYLES.contains(c.kind()) && !Float.isNaN(c.specific())) {
                shared = Math.min(shared, c.specific());
            }
        }
        shared = (float) Math.floor(shared * 10 + 1e-4) / 10f;
        var out = new ArrayList<Candidate>();
        for (int t = 500; t <= 975; t += 25) {
            float sentenceMatch = t / 1000f;
            float negativeMax = 0f;
            var positives = new ArrayList<Float>();
            for (RewriteCalibration.Case c : fit) {
                float coverage = SentenceAlignment.coverage(c.cosines(), sentenceMatch);
                if (RewriteSet.STYLES.contains(c.kind())) {
                    positives.add(coverage);
                } else if (!c.positive() && c.cosine() >= bands.related() && !baseFlagged(c, bands)) {
                    negativeMax = Math.max(negativeMax, coverage);
                }
            }
            float floor = negativeMax;
            float lowest = (float) positives.stream().filter(v -> v > floor).mapToDouble(v -> v).min().orElse(2);
            if (lowest > 1f) {
                out.add(new Candidate(sentenceMatch, negativeMax, Float.NaN, null, 0, 0));
                continue;
            }
            float aligned = (negativeMax + lowest) / 2;
            float rounded = Math.round(aligned * 100) / 100f;
            aligned = rounded > negativeMax && rounded <= lowest ? rounded : aligned;
            float threshold = aligned;
            double recall = positives.stream().filter(v -> v >= threshold).count() / (double) positives.size();
            out.add(new Candidate(sentenceMatch, negativeMax, lowest, new RewriteRule(sentenceMatch, aligned, shared),
                    recall, lowest - negativeMax));
        }
        return out;
    }

    /** Whether a check would flag the pair (near_duplicate or duplicate); {@code rule} null: bands alone. */
    static boolean flagged(RewriteCalibration.Case c, DuplicateBands bands, RewriteRule rule) {
        if (c.cosine() < bands.related()) {
            return false; // a check does not even return it
        }
        Band band = bands.of(c.cosine(), c.containment());
        if (rule != null) {
            band = rule.lift(band, SentenceAlignment.coverage(c.cosines(), rule.sentenceMatch()), c.specific());
        }
        return band.compareTo(Band.NEAR_DUPLICATE) <= 0;
    }

    private static boolean baseFlagged(RewriteCalibration.Case c, DuplicateBands bands) {
        return flagged(c, bands, null);
    }

    /** The cases of one half: held out, or the fit half. */
    List<RewriteCalibration.Case> half(boolean heldOut) {
        return cases.stream().filter(c -> c.heldOut() == heldOut).toList();
    }

    private static double rate(List<RewriteCalibration.Case> cases, Predicate<RewriteCalibration.Case> which,
            Predicate<RewriteCalibration.Case> flagged) {
        long n = cases.stream().filter(which).count();
        return n == 0 ? 0 : cases.stream().filter(which).filter(flagged).count() / (double) n;
    }

    /** The report: signals per kind, the fitted decision, and precision and recall per half. */
    String markdown(String model, double seconds) {
        DuplicateBands bands = suggestedBands();
        RewriteRule rule = fit(bands);
        var md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Model %s; %d pairs measured (fit half %d, held-out half %d); took %.0f s."
                + "%n%n", model, cases.size(), half(false).size(), half(true).size(), seconds));
        float shownMatch = rule == null ? 0.8f : rule.sentenceMatch();
        md.append(String.format(Locale.ROOT, "| pairs | n | cosine min | median | max | 3-gram containment median "
                + "| max | aligned sentences at %.3f min | median | max | shared specifics median | min |%n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|%n", shownMatch));
        for (String kind : kinds()) {
            List<RewriteCalibration.Case> of = cases.stream().filter(c -> c.kind().equals(kind)).toList();
            if (!of.isEmpty()) {
                signalRow(md, kind, of, shownMatch);
            }
        }
        md.append(String.format(Locale.ROOT, "%nSuggested bands: duplicate >= %.3f, near_duplicate >= %.3f, related "
                + ">= %.2f, copied text >= %.2f.%n", bands.duplicate(), bands.nearDuplicate(), bands.related(),
                bands.copiedText()));
        md.append(rule == null ? "\nNo rewrite rule lifts a rewrite without lifting a negative of the fit half.\n"
                : String.format(Locale.ROOT, "Fitted rewrite rule: sentence-match %.3f, aligned-sentences %.2f, "
                        + "shared-specifics %.1f.%n", rule.sentenceMatch(), rule.alignedSentences(),
                        rule.sharedSpecifics()));
        md.append("\nSentence-match cosines tried: on the fit half, the highest aligned share of a negative, the lowest "
                + "of a rewrite above it, the rule's share and the rewrites reaching it; then what the bands and that "
                + "rule flag on the held-out half (for the record: the fit does not look at it):\n\n| sentence-match "
                + "| negatives max | rewrites min above | aligned-sentences | rewrites reaching it | held-out rewrites "
                + "flagged | held-out negatives flagged |\n|---|---|---|---|---|---|---|\n");
        List<RewriteCalibration.Case> heldOutCases = half(true);
        for (Candidate c : candidates(bands)) {
            String rewrites = "n/a";
            String negatives = "n/a";
            if (c.rule() != null) {
                long all = heldOutCases.stream().filter(h -> RewriteSet.STYLES.contains(h.kind())).count();
                long hits = heldOutCases.stream().filter(h -> RewriteSet.STYLES.contains(h.kind()))
                        .filter(h -> flagged(h, bands, c.rule())).count();
                long wrong = heldOutCases.stream().filter(h -> !h.positive()).filter(h -> flagged(h, bands, c.rule()))
                        .count();
                rewrites = hits + "/" + all;
                negatives = String.valueOf(wrong);
            }
            md.append(String.format(Locale.ROOT, "| %.3f | %.2f | %s | %s | %.2f | %s | %s |%n", c.sentenceMatch(),
                    c.negativeMax(), Float.isNaN(c.lowest()) ? "none" : String.format(Locale.ROOT, "%.2f", c.lowest()),
                    c.rule() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", c.rule().alignedSentences()),
                    c.recall(), rewrites, negatives));
        }
        for (boolean heldOut : new boolean[] {true, false}) {
            md.append(String.format(Locale.ROOT, "%n%s half: flagged (near_duplicate or duplicate)%n%n| decision | "
                    + "paraphrase | half | expanded | non_native | rewrites recall | distinct flagged | other "
                    + "matches flagged | precision |%n|---|---|---|---|---|---|---|---|---|%n",
                    heldOut ? "Held-out" : "Fit"));
            List<RewriteCalibration.Case> half = half(heldOut);
            DuplicateBands cosineOnly = new DuplicateBands(configured.duplicate(), configured.nearDuplicate(),
                    configured.related(), 1f);
            outcomeRow(md, String.format(Locale.ROOT, "cosine alone >= %.3f", configured.nearDuplicate()), half,
                    c -> c.cosine() >= cosineOnly.nearDuplicate());
            outcomeRow(md, "configured bands (cosine + copied text)", half, c -> flagged(c, configured, null));
            outcomeRow(md, "suggested bands", half, c -> flagged(c, bands, null));
            if (rule != null) {
                outcomeRow(md, "suggested bands + rewrite rule", half, c -> flagged(c, bands, rule));
            }
        }
        if (rule != null) {
            md.append("\nHeld-out pairs the decision gets wrong, rewrites only the rule flags, and negatives within 0.15 "
                    + "of its aligned-sentences share:\n\n| pair | kind | cosine | "
                    + "aligned | shared specifics | flagged |\n|---|---|---|---|---|---|\n");
            for (RewriteCalibration.Case c : half(true)) {
                float coverage = SentenceAlignment.coverage(c.cosines(), rule.sentenceMatch());
                boolean flagged = flagged(c, bands, rule);
                boolean lifted = flagged && !baseFlagged(c, bands);
                boolean close = !c.positive() && c.cosine() >= bands.related() && coverage > 0f
                        && coverage >= rule.alignedSentences() - 0.15f;
                if (flagged != c.positive() || lifted || close) {
                    md.append(String.format(Locale.ROOT, "| %s ~ %s | %s | %.3f | %.2f | %s | %s |%n", c.first(),
                            c.second(), c.kind(), c.cosine(), coverage, Float.isNaN(c.specific()) ? "none"
                                    : String.format(Locale.ROOT, "%.2f", c.specific()), flagged ? "yes" : "no"));
                }
            }
        }
        return md.toString();
    }

    private static List<String> kinds() {
        var kinds = new ArrayList<>(RewriteSet.STYLES);
        kinds.addAll(List.of("known", "other", "distinct"));
        return kinds;
    }

    private static void signalRow(StringBuilder md, String kind, List<RewriteCalibration.Case> of, float match) {
        float[] cosine = new float[of.size()];
        float[] containment = new float[of.size()];
        float[] coverage = new float[of.size()];
        var specific = new ArrayList<Float>();
        for (int i = 0; i < of.size(); i++) {
            cosine[i] = of.get(i).cosine();
            containment[i] = of.get(i).containment();
            coverage[i] = SentenceAlignment.coverage(of.get(i).cosines(), match);
            if (!Float.isNaN(of.get(i).specific())) {
                specific.add(of.get(i).specific());
            }
        }
        float[] shared = new float[specific.size()];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = specific.get(i);
        }
        md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f | %.2f | %s "
                + "| %s |%n", kind, of.size(), pct(cosine, 0), pct(cosine, 50), pct(cosine, 100), pct(containment, 50),
                pct(containment, 100), pct(coverage, 0), pct(coverage, 50), pct(coverage, 100),
                shared.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", pct(shared, 50)),
                shared.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", pct(shared, 0))));
    }

    private static float pct(float[] values, double p) {
        return ThresholdSweep.percentile(values, p);
    }

    private static void outcomeRow(StringBuilder md, String name, List<RewriteCalibration.Case> half,
            Predicate<RewriteCalibration.Case> flagged) {
        md.append("| ").append(name);
        int hits = 0;
        int all = 0;
        for (String style : RewriteSet.STYLES) {
            List<RewriteCalibration.Case> of = half.stream().filter(c -> c.kind().equals(style)).toList();
            long f = of.stream().filter(flagged).count();
            hits += (int) f;
            all += of.size();
            md.append(" | ").append(f).append('/').append(of.size());
        }
        long distinct = half.stream().filter(c -> c.kind().equals("distinct")).count();
        long distinctFlagged = half.stream().filter(c -> c.kind().equals("distinct")).filter(flagged).count();
        long other = half.stream().filter(c -> c.kind().equals("other")).count();
        long otherFlagged = half.stream().filter(c -> c.kind().equals("other")).filter(flagged).count();
        long wrong = distinctFlagged + otherFlagged;
        md.append(String.format(Locale.ROOT, " | %.3f (%d/%d) | %d/%d | %d/%d | %.3f |%n",
                all == 0 ? 0.0 : hits / (double) all, hits, all, distinctFlagged, distinct, otherFlagged, other,
                hits + wrong == 0 ? 1.0 : hits / (double) (hits + wrong)));
    }
}
