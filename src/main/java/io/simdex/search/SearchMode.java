package io.simdex.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a free-text search ranks papers, and so what each match's score means. */
public enum SearchMode {

    /** By the cosine between the query's embedding and each paper's; the score is that cosine, in [-1, 1]. */
    VECTOR("cosines"),

    /** By BM25 over the words of each paper's title and abstract; the score is BM25's, positive and unbounded. */
    LEXICAL("BM25 scores"),

    /**
     * Both rankings fused as {@code search.fusion} says ({@link Ranker}); the score is the fused score: by default
     * a weighted sum of the normalized cosine and BM25 scores, in [0, 1]; with reciprocal rank fusion
     * {@code Σ 1/(k + rank)} over the two rankings (at most 2 / (k + 1)).
     */
    HYBRID("fused scores");

    private final String scores;

    SearchMode(String scores) {
        this.scores = scores;
    }

    /** What this mode's scores are, for messages: e.g. {@code BM25 scores}. */
    public String scores() {
        return scores;
    }

    /** The name used in requests and responses, e.g. {@code hybrid}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with this {@link #label()}, in any letter case and without surrounding blanks, if any. */
    public static Optional<SearchMode> byLabel(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.label().equals(wanted)).findFirst();
    }

    /** Every label, comma-separated, for error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(SearchMode::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label();
    }
}
