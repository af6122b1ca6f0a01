package io.simdex.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How hybrid search fuses the vector and the lexical ranking of a free-text query ({@code search.fusion}). */
public enum Fusion {

    /**
     * A convex combination of normalized scores ({@link ScoreFusion}): the cosine part weighted
     * {@code search.vector-weight}, the BM25 part the rest; a paper's score is in [0, 1].
     */
    CONVEX,

    /** Reciprocal rank fusion ({@link RankFusion}) with {@code search.rrf-k}: places only, not scores. */
    RRF;

    /** The name used in settings, e.g. {@code convex}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fusion with this {@link #label()}, in any letter case and without surrounding blanks, if any. */
    public static Optional<Fusion> byLabel(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.label().equals(wanted)).findFirst();
    }

    /** Every label, comma-separated, for error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(Fusion::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label();
    }
}
