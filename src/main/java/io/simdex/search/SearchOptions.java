package io.simdex.search;

import java.util.Objects;

/**
 * How free-text search answers when a request names no mode, and how hybrid search fuses.
 *
 * @param defaultMode the mode of a free-text search that names none
 * @param rrfK        the constant of reciprocal rank fusion, {@code >= 1} (see {@link RankFusion})
 * @param candidates  hybrid search fuses the best {@code max(k, candidates)} papers of each ranking, {@code >= 1}
 */
public record SearchOptions(SearchMode defaultMode, int rrfK, int candidates) {

    public SearchOptions {
        Objects.requireNonNull(defaultMode, "defaultMode");
        if (rrfK < 1) {
            throw new IllegalArgumentException("rrfK must be >= 1 but was " + rrfK);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1 but was " + candidates);
        }
    }

    /** The defaults of {@code config/simdex.yaml}: hybrid search, fused with k = 60 over 100 candidates. */
    public static SearchOptions defaults() {
        return new SearchOptions(SearchMode.HYBRID, 60, 100);
    }
}
