package io.simdex.search;

/**
 * How lexical and hybrid search answer.
 *
 * @param rrfK       the constant of reciprocal rank fusion, {@code >= 1} (see {@link RankFusion})
 * @param candidates hybrid search fuses the best {@code max(k, candidates)} papers of each ranking, {@code >= 1}
 */
public record SearchOptions(int rrfK, int candidates) {

    public SearchOptions {
        if (rrfK < 1) {
            throw new IllegalArgumentException("rrfK must be >= 1 but was " + rrfK);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1 but was " + candidates);
        }
    }

    /** The defaults of {@code config/simdex.yaml}. */
    public static SearchOptions defaults() {
        return new SearchOptions(60, 100);
    }
}
