package io.simdex.dedup;

/**
 * How a match's cosine and its lexical overlap place it in a {@link Band}.
 *
 * <p>By cosine: at least {@code duplicate} is {@link Band#DUPLICATE}, at least {@code nearDuplicate}
 * {@link Band#NEAR_DUPLICATE}, at least {@code related} {@link Band#RELATED}, else {@link Band#NEW}. Copied
 * wording then lifts a match: with word 3-gram containment of at least {@code copiedText}, a related match is a
 * near duplicate and a near duplicate a duplicate. The lift catches copies whose vector moved because the
 * model reads only the first 256 tokens (a reordered or cut-short abstract), which cosine alone would confuse
 * with a paper on the same topic.
 */
public record DuplicateBands(float duplicate, float nearDuplicate, float related, float copiedText) {

    public DuplicateBands {
        if (!(related > 0f && related < nearDuplicate && nearDuplicate < duplicate && duplicate <= 1f)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < related < near-duplicate < duplicate <= 1,"
                    + " got related " + related + ", near-duplicate " + nearDuplicate + ", duplicate " + duplicate);
        }
        if (!(copiedText > 0f && copiedText <= 1f)) {
            throw new IllegalArgumentException("copied-text must be above 0 and at most 1, got " + copiedText);
        }
    }

    /** The band of a cosine alone. */
    public Band of(float score) {
        if (score >= duplicate) {
            return Band.DUPLICATE;
        }
        if (score >= nearDuplicate) {
            return Band.NEAR_DUPLICATE;
        }
        return score >= related ? Band.RELATED : Band.NEW;
    }

    /**
     * The band of a cosine and a word 3-gram containment in [0, 1]: the cosine's band, one band higher for
     * copied wording, never above {@link Band#DUPLICATE} and never lifting {@link Band#NEW}.
     */
    public Band of(float score, float shingleContainment) {
        Band band = of(score);
        if (shingleContainment < copiedText) {
            return band;
        }
        return switch (band) {
            case NEAR_DUPLICATE, DUPLICATE -> Band.DUPLICATE;
            case RELATED -> Band.NEAR_DUPLICATE;
            case NEW -> Band.NEW;
        };
    }
}
