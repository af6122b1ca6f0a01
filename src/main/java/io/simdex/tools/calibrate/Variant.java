package io.simdex.tools.calibrate;

import io.simdex.corpus.Paper;

import java.util.List;
import java.util.Objects;

/**
 * A generated duplicate of a corpus paper: the same work as it might reappear, used to calibrate thresholds.
 *
 * @param kind         how the duplicate was made
 * @param sourceId     the id of the paper it duplicates
 * @param title        the variant's title, never blank
 * @param abstractText the variant's abstract, never blank
 */
public record Variant(Kind kind, String sourceId, String title, String abstractText) {

    /** The ways the same work reappears, from the easiest to recognize to the hardest. */
    public enum Kind {
        /** The same text with different whitespace only: a re-upload, a copy through another page layout. */
        EXACT_COPY,
        /** Case changes, doubled and missing spaces, commas dropped or added, two character typos. */
        NOISE,
        /** The same sentences in another order (light noise for a one-sentence abstract). */
        REORDERED,
        /** About a fifth of the content words rewritten: synonyms, dropped hedges, "this paper proposes". */
        PARAPHRASED,
        /** Only the first half to two thirds of the sentences: a workshop version or a cut-off scrape. */
        TRUNCATED,
        /** The same abstract under another title. */
        RETITLED,
        /** Retitled, paraphrased, reordered and noisy at once: the hardest realistic duplicate. */
        COMBINED
    }

    public Variant {
        Objects.requireNonNull(kind, "kind");
        if (sourceId == null || sourceId.isBlank()) {
            throw new IllegalArgumentException("variant source id must be non-blank, got: " + sourceId);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException(kind + " variant of " + sourceId + ": title must be non-blank");
        }
        if (abstractText == null || abstractText.isBlank()) {
            throw new IllegalArgumentException(kind + " variant of " + sourceId + ": abstract must be non-blank");
        }
    }

    /**
     * The text to embed, built exactly like {@link Paper#embeddingText()}: the title as its own sentence, then the
     * abstract. Whitespace inside the abstract is kept as generated, so an {@link Kind#EXACT_COPY} still differs.
     */
    public String text() {
        return new Paper(sourceId, title, abstractText, List.of()).embeddingText();
    }
}
