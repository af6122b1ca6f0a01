package io.simdex.search;

import java.util.Objects;

/**
 * How free-text search answers when a request names no mode, and how hybrid search fuses: the search stage's
 * options (each message names the setting by its key within {@code search.*}).
 *
 * @param defaultMode the mode of a free-text search that names none
 * @param rrfK        the constant of reciprocal rank fusion, 1..{@value #MAX_RRF_K} (see {@link RankFusion})
 * @param candidates  hybrid search fuses the best {@code max(k, candidates)} papers of each ranking,
 *                    1..{@value #MAX_CANDIDATES}
 * @param maxExplainSentences the most sentences one request's explanations may embed and compare, the query's
 *                    and its matches' together; a request over it is refused, naming
 *                    {@code search.max-explain-sentences}
 * @param maxExplainPairs the most sentence pairs one request's explanations may score; a request over it is
 *                    refused, naming {@code search.max-explain-pairs}
 * @param queryCacheSize how many recent free-text queries keep their embedding, so that asking one again needs
 *                    no model call; 0 turns the cache off ({@code search.query-cache-size})
 * @param fusion      how hybrid search fuses a free-text query's two rankings ({@code search.fusion})
 * @param vectorWeight the weight of the cosine part when {@code fusion} is {@link Fusion#CONVEX}, in [0, 1]
 *                    ({@code search.vector-weight})
 * @param fullCoverage with {@link Fusion#CONVEX}: the share of a query's best possible BM25 score its best lexical
 *                    match must reach for BM25 to keep its whole weight; below it BM25's weight shrinks in
 *                    proportion, in [0, 1], 0 for a fixed weight ({@code search.full-coverage}; see {@link Ranker})
 * @param relatedWordsWeight "more like this" in hybrid mode: the weight of the MoreLikeThis ranking in the
 *                    reciprocal rank fusion, the cosine ranking weighing 1; in [0, {@value #MAX_RELATED_WEIGHT}]
 *                    ({@code search.related-words-weight}; see {@link Ranker#related})
 * @param relatedTitleWeight "more like this" in hybrid mode: the weight of the BM25 ranking of the paper's title,
 *                    in [0, {@value #MAX_RELATED_WEIGHT}]; 0 leaves it out ({@code search.related-title-weight})
 */
public record SearchOptions(SearchMode defaultMode, int rrfK, int candidates, int maxExplainSentences,
                            int maxExplainPairs, int queryCacheSize, Fusion fusion, float vectorWeight,
                            float fullCoverage, float relatedWordsWeight, float relatedTitleWeight) {

    /** The largest fusion constant: far beyond it, every rank scores the same. */
    public static final int MAX_RRF_K = 100_000;

    /** The deepest each ranking may go before fusion. */
    public static final int MAX_CANDIDATES = 10_000;

    public SearchOptions {
        Objects.requireNonNull(defaultMode, "defaultMode");
        Objects.requireNonNull(fusion, "fusion");
        if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
            throw new IllegalArgumentException("vector-weight must be in [0, 1], got " + vectorWeight);
        }
        if (!(fullCoverage >= 0 && fullCoverage <= 1)) {
            throw new IllegalArgumentException("full-coverage must be in [0, 1], got " + fullCoverage);
        }
        checkRelatedWeight("related-words-weight", relatedWordsWeight);
        checkRelatedWeight("related-title-weight", relatedTitleWeight);
        if (rrfK < 1 || rrfK > MAX_RRF_K) {
            throw new IllegalArgumentException("rrf-k must be 1.." + MAX_RRF_K + ", got " + rrfK);
        }
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidates must be 1.." + MAX_CANDIDATES + ", got " + candidates);
        }
        if (maxExplainSentences < 1 || maxExplainSentences > 1_000_000) {
            throw new IllegalArgumentException("max-explain-sentences must be 1..1000000, got " + maxExplainSentences);
        }
        if (maxExplainPairs < 1 || maxExplainPairs > 100_000_000) {
            throw new IllegalArgumentException("max-explain-pairs must be 1..100000000, got " + maxExplainPairs);
        }
        if (queryCacheSize < 0 || queryCacheSize > MAX_QUERY_CACHE_SIZE) {
            throw new IllegalArgumentException("query-cache-size must be 0.." + MAX_QUERY_CACHE_SIZE + ", got "
                    + queryCacheSize);
        }
    }

    /** These options with the default fusion. */
    public SearchOptions(SearchMode defaultMode, int rrfK, int candidates, int maxExplainSentences,
            int maxExplainPairs, int queryCacheSize) {
        this(defaultMode, rrfK, candidates, maxExplainSentences, maxExplainPairs, queryCacheSize, DEFAULT_FUSION,
                DEFAULT_VECTOR_WEIGHT, DEFAULT_FULL_COVERAGE, DEFAULT_RELATED_WORDS_WEIGHT,
                DEFAULT_RELATED_TITLE_WEIGHT);
    }

    /** These options with the default query cache. */
    public SearchOptions(SearchMode defaultMode, int rrfK, int candidates, int maxExplainSentences,
            int maxExplainPairs) {
        this(defaultMode, rrfK, candidates, maxExplainSentences, maxExplainPairs, DEFAULT_QUERY_CACHE_SIZE);
    }

    /** These options with another query cache size; 0 turns it off. */
    public SearchOptions withQueryCacheSize(int size) {
        return new SearchOptions(defaultMode, rrfK, candidates, maxExplainSentences, maxExplainPairs, size, fusion,
                vectorWeight, fullCoverage, relatedWordsWeight, relatedTitleWeight);
    }

    /** These options with the default explanation limits. */
    public SearchOptions(SearchMode defaultMode, int rrfK, int candidates) {
        this(defaultMode, rrfK, candidates, DEFAULT_MAX_EXPLAIN_SENTENCES, DEFAULT_MAX_EXPLAIN_PAIRS);
    }

    /** The default of {@code search.max-explain-sentences}: k = 100 abstracts of about a dozen sentences. */
    public static final int DEFAULT_MAX_EXPLAIN_SENTENCES = 1500;

    /**
     * The default of {@code search.query-cache-size}: 4096 queries, about 7 MB with 384-d vectors and short
     * queries.
     */
    public static final int DEFAULT_QUERY_CACHE_SIZE = 4096;

    /** The largest query cache: about 1.7 GB with 384-d vectors. */
    public static final int MAX_QUERY_CACHE_SIZE = 1_000_000;

    /** The default of {@code search.max-explain-pairs}. */
    public static final int DEFAULT_MAX_EXPLAIN_PAIRS = 100_000;

    /** The default of {@code search.fusion}: see docs/EVALUATION.md, "Queries by style", for why. */
    public static final Fusion DEFAULT_FUSION = Fusion.CONVEX;

    /** The default of {@code search.vector-weight}. */
    public static final float DEFAULT_VECTOR_WEIGHT = 0.4f;

    /** The default of {@code search.full-coverage}. */
    public static final float DEFAULT_FULL_COVERAGE = 0.2f;

    /** These options with another hybrid fusion, vector weight and full coverage. */
    public SearchOptions withFusion(Fusion otherFusion, float otherVectorWeight, float otherFullCoverage) {
        return new SearchOptions(defaultMode, rrfK, candidates, maxExplainSentences, maxExplainPairs, queryCacheSize,
                otherFusion, otherVectorWeight, otherFullCoverage, relatedWordsWeight, relatedTitleWeight);
    }

    /** These options with other weights for the rankings "more like this" fuses in hybrid mode. */
    public SearchOptions withRelatedWeights(float wordsWeight, float titleWeight) {
        return new SearchOptions(defaultMode, rrfK, candidates, maxExplainSentences, maxExplainPairs, queryCacheSize,
                fusion, vectorWeight, fullCoverage, wordsWeight, titleWeight);
    }

    /** The largest weight of a ranking that "more like this" fuses, the cosine ranking weighing 1. */
    public static final int MAX_RELATED_WEIGHT = 100;

    /** The default of {@code search.related-words-weight}: see docs/EVALUATION.md, "Judged related papers". */
    public static final float DEFAULT_RELATED_WORDS_WEIGHT = 1f;

    /** The default of {@code search.related-title-weight}: see docs/EVALUATION.md, "Judged related papers". */
    public static final float DEFAULT_RELATED_TITLE_WEIGHT = 0.5f;

    private static void checkRelatedWeight(String key, float weight) {
        if (!(weight >= 0 && weight <= MAX_RELATED_WEIGHT)) {
            throw new IllegalArgumentException(key + " must be in [0, " + MAX_RELATED_WEIGHT + "], got " + weight);
        }
    }

    /**
     * The defaults of {@code config/simdex.yaml}: hybrid search, fusing 100 candidates of each ranking by a convex
     * combination of normalized scores.
     */
    public static SearchOptions defaults() {
        return new SearchOptions(SearchMode.HYBRID, 60, 100, DEFAULT_MAX_EXPLAIN_SENTENCES, DEFAULT_MAX_EXPLAIN_PAIRS,
                DEFAULT_QUERY_CACHE_SIZE, DEFAULT_FUSION, DEFAULT_VECTOR_WEIGHT, DEFAULT_FULL_COVERAGE,
                DEFAULT_RELATED_WORDS_WEIGHT, DEFAULT_RELATED_TITLE_WEIGHT);
    }
}
