package io.simdex.search;

import java.util.List;
import java.util.Objects;

/**
 * The one rule for how hybrid search ranks: the vector and the lexical ranking, each cut to
 * {@code max(k, candidates)} papers, fused by reciprocal rank ({@link RankFusion}). The service answers with it,
 * and the evaluation scores it, so what is measured is what is served. Stateless and thread-safe.
 */
public final class Ranker {

    private final SearchOptions options;
    private final RankFusion fusion;

    public Ranker(SearchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.fusion = new RankFusion(options.rrfK());
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
     * The hybrid answer of {@code k}: both rankings (ids, best first) cut to {@link #depth(int)} and fused. Either
     * ranking may be shorter than the depth, or empty; the answer then holds fewer than {@code k} papers.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<RankFusion.Fused> hybrid(List<String> byMeaning, List<String> byWords, int k) {
        int depth = depth(k);
        return fusion.fuse(List.of(head(byMeaning, depth), head(byWords, depth)), k);
    }

    private static List<String> head(List<String> ranking, int depth) {
        return ranking.subList(0, Math.min(depth, ranking.size()));
    }
}
