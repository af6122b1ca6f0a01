package io.simdex.search;

import java.util.Objects;

/**
 * How "more like this" (similar papers, recommendations) picks its answer beyond the {@link ResultFilter}: what to
 * do with the query paper's duplicates, and how much to trade closeness for variety.
 *
 * @param mode       how papers like a paper of the corpus are ranked: {@link SearchMode#VECTOR} by cosine (the
 *                   default), {@link SearchMode#LEXICAL} by BM25 over the paper's own distinctive terms
 *                   (Lucene's MoreLikeThis), {@link SearchMode#HYBRID} both, and BM25 with the paper's title as
 *                   the query, fused by weighted reciprocal rank ({@link Ranker#related}; hybrid search of free
 *                   text fuses by score); {@code diversity} needs cosines, so vector mode
 * @param duplicates what to do with papers that duplicate the paper asked about (or a positive example)
 * @param rule       which papers are duplicates: the dedup stage's bands
 * @param diversity  0 ranks by closeness alone; above 0, maximal marginal relevance (Carbonell and Goldstein,
 *                   1998) picks each next paper by {@code λ·closeness − (1 − λ)·(its highest cosine to a paper
 *                   already picked)} with {@code λ = 1 − diversity}, from the {@value #POOL}·k closest; in [0, 1]
 */
public record RelatedOptions(SearchMode mode, Duplicates duplicates, DuplicateRule rule, float diversity) {

    /** With diversity, how many times k of the closest papers the answer is picked from. */
    public static final int POOL = 4;

    public RelatedOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(duplicates, "duplicates");
        Objects.requireNonNull(rule, "rule");
        if (!(diversity >= 0f && diversity <= 1f)) {
            throw new IllegalArgumentException("diversity must be in [0, 1] but was " + diversity);
        }
    }

    /** By cosine, as {@code duplicates} and {@code diversity} say. */
    public RelatedOptions(Duplicates duplicates, DuplicateRule rule, float diversity) {
        this(SearchMode.VECTOR, duplicates, rule, diversity);
    }

    /** Closeness alone, duplicates ranked like any other paper: "more like this" without options. */
    public static RelatedOptions plain() {
        return new RelatedOptions(Duplicates.INCLUDE, DuplicateRule.NONE, 0f);
    }
}
