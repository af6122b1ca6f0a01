package io.simdex.dedup;

/**
 * When a match that cosine places in the related band is a rewrite of the paper (same claims and numbers, new
 * sentences, perhaps cut short or padded), and so a near duplicate: when at least {@code alignedSentences} of the
 * shorter text's sentences have a sentence of the other at cosine {@code sentenceMatch} or more
 * ({@link SentenceAlignment#coverage}), and at least {@code sharedSpecifics} of the smaller set of numbers, names
 * and acronyms are shared ({@link io.simdex.text.SpecificTokens#overlap}). A text without any such token passes
 * the second test: it has nothing to disagree on.
 *
 * <p>A different paper on the same topic, even from the same group, says other things sentence by sentence and
 * reports other numbers; cosine alone cannot tell it from a rewrite, these two signals can. docs/DEDUP.md says how
 * the defaults were calibrated, per model and precision.
 */
public record RewriteRule(float sentenceMatch, float alignedSentences, float sharedSpecifics) {

    public RewriteRule {
        requireFraction("sentence-match", sentenceMatch, false);
        requireFraction("aligned-sentences", alignedSentences, false);
        requireFraction("shared-specifics", sharedSpecifics, true);
    }

    /**
     * The band of a match once its rewrite signals are known: a related match that they call a rewrite becomes a
     * near duplicate; every other band stays.
     *
     * @param coverage        the share of aligned sentences, in [0, 1]; NaN when not measured (the band stays)
     * @param specificOverlap the share of shared specific tokens, in [0, 1]; NaN when either text has none
     */
    public Band lift(Band band, float coverage, float specificOverlap) {
        boolean rewrite = coverage >= alignedSentences
                && (Float.isNaN(specificOverlap) || specificOverlap >= sharedSpecifics);
        return band == Band.RELATED && rewrite ? Band.NEAR_DUPLICATE : band;
    }

    private static void requireFraction(String name, float value, boolean zero) {
        if (!((zero ? value >= 0f : value > 0f) && value <= 1f)) {
            throw new IllegalArgumentException(name + " must be " + (zero ? "at least" : "above") + " 0 and at most 1,"
                    + " got " + value);
        }
    }
}
