package io.simdex.search;

import io.simdex.index.Hit;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The one rule for how hybrid search ranks: the vector and the lexical ranking, each cut to
 * {@code max(k, candidates)} papers, fused as {@code search.fusion} says: by a convex combination of normalized
 * scores ({@link ScoreFusion}, the default) or by reciprocal rank ({@link RankFusion}). The convex combination's
 * weights depend on the query ({@link #vectorWeight}): BM25 keeps its weight {@code 1 − search.vector-weight}
 * only when its best match covers enough of the query's words. "More like this" fuses
 * its rankings by weighted reciprocal rank whatever the setting ({@link #related}). The service answers with it, and the
 * evaluation scores it, so what is measured is what is served. Stateless and thread-safe.
 */
public final class Ranker {

    private final SearchOptions options;
    private final RankFusion ranks;

    public Ranker(SearchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.ranks = new RankFusion(options.rrfK());
    }

    /**
     * How many papers each ranking must hold for a hybrid answer of {@code k}: {@code max(k, candidates)}, so a
     * paper just below {@code k} in one ranking still counts, and answers for every {@code k} up to
     * {@code candidates} are prefixes of one another.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public int depth(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        return Math.max(k, options.candidates());
    }

    /**
     * The hybrid answer of {@code k} to a free-text query: both rankings (best first, the vector one scored by
     * cosine, the lexical one by BM25) cut to {@link #depth(int)} and fused by {@code search.fusion}. Either
     * ranking may be shorter than the depth, or empty; the answer then holds fewer than {@code k} papers.
     *
     * @param bestPossibleBm25 the highest BM25 score any paper could reach for the query
     *                         ({@code LexicalIndex.bestPossibleScore}), for {@link #vectorWeight}; asked only when
     *                         the weight depends on it (convex fusion with a coverage, and a lexical hit), since
     *                         it may cost a read of the index or a round trip to the cluster
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<RankFusion.Fused> hybrid(List<Hit> byMeaning, List<Hit> byWords, DoubleSupplier bestPossibleBm25,
            int k) {
        int depth = depth(k);
        List<Hit> meaning = head(byMeaning, depth);
        List<Hit> words = head(byWords, depth);
        return switch (options.fusion()) {
            case CONVEX -> ScoreFusion.fuse(meaning, words, vectorWeight(words,
                    options.fullCoverage() > 0 && !words.isEmpty() ? bestPossibleBm25.getAsDouble() : 0), k);
            case RRF -> ranks.fuse(List.of(meaning.stream().map(Hit::id).toList(),
                    words.stream().map(Hit::id).toList()), k);
        };
    }

    /**
     * The weight of the cosine part for one query. BM25's weight is {@code 1 − search.vector-weight} when the best
     * lexical match reaches at least {@code search.full-coverage} of the query's best possible BM25 score, and
     * shrinks in proportion below it, to nothing when no paper shares a word with the query. A query in everyday
     * words that avoids a paper's own terms matches unrelated papers on one or two of its words, a small share of
     * what it could score, so its answer leans on meaning; a name, keywords or a claim in the field's terms are
     * matched on most of their words and keep the whole BM25 weight.
     *
     * @param byWords          the lexical ranking, best first
     * @param bestPossibleBm25 the highest BM25 score any paper could reach for the query
     */
    public double vectorWeight(List<Hit> byWords, double bestPossibleBm25) {
        double lexical = 1 - options.vectorWeight();
        if (options.fullCoverage() > 0) {
            double best = byWords.isEmpty() ? 0 : byWords.get(0).score();
            double coverage = bestPossibleBm25 > 0 ? best / bestPossibleBm25 : 0;
            lexical *= Math.min(1, coverage / options.fullCoverage());
        }
        return 1 - lexical;
    }

    /**
     * Whether {@link #related} uses the ranking of the paper's title by BM25: only when its weight
     * ({@code search.related-title-weight}) is above 0, so that the lookup is skipped otherwise.
     */
    public boolean relatedByTitle() {
        return options.relatedTitleWeight() > 0;
    }

    /**
     * "More like this" in hybrid mode: the rankings of a paper's neighbours (ids, best first) cut to
     * {@link #depth(int)} and fused by weighted reciprocal rank, whatever {@code search.fusion} says, since the
     * lexical scores (MoreLikeThis over a whole abstract) were never calibrated against cosines. The cosine ranking
     * weighs 1, MoreLikeThis {@code search.related-words-weight}, and the BM25 ranking of the paper's title (its
     * topic in the authors' own words, which an averaged vector and a whole abstract's terms both dilute)
     * {@code search.related-title-weight}.
     *
     * @param byTitle the BM25 ranking with the paper's title as the query; ignored (may be empty) when
     *                {@link #relatedByTitle()} is false
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<RankFusion.Fused> related(List<String> byMeaning, List<String> byWords, List<String> byTitle,
            int k) {
        int depth = depth(k);
        if (!relatedByTitle()) {
            return ranks.fuse(List.of(head(byMeaning, depth), head(byWords, depth)),
                    new double[] {1, options.relatedWordsWeight()}, k);
        }
        return ranks.fuse(List.of(head(byMeaning, depth), head(byWords, depth), head(byTitle, depth)),
                new double[] {1, options.relatedWordsWeight(), options.relatedTitleWeight()}, k);
    }

    private static <T> List<T> head(List<T> ranking, int depth) {
        return ranking.subList(0, Math.min(depth, ranking.size()));
    }
}
