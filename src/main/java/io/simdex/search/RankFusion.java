package io.simdex.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): one ranking from several, each document scoring
 * {@code Σ 1 / (k + rank)} over the rankings that hold it, ranks starting at 1; or, weighted,
 * {@code Σ w / (k + rank)} with each ranking's own weight {@code w}. It needs only ranks, so rankings
 * whose scores are on different scales (cosines, BM25) combine without calibration. Stateless and thread-safe.
 */
public final class RankFusion {

    /** Best score first; then the better best rank (a document some ranking put higher); then id. */
    private static final Comparator<Candidate> ORDER = Comparator.comparingDouble(Candidate::score).reversed()
            .thenComparingInt(Candidate::bestRank).thenComparing(Candidate::id);

    private final int k;

    /**
     * @param k the constant added to every rank, {@code >= 1}; the larger it is, the less rank 1 outweighs rank 10
     *          (60 in the paper and in most search engines)
     */
    public RankFusion(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("the rank fusion constant k must be >= 1 but was " + k);
        }
        this.k = k;
    }

    /** One fused result: a document id and its fused score. */
    public record Fused(String id, double score) {
    }

    /**
     * Fuses rankings into one, best first; equal scores are ordered by the better best rank, then by id.
     * A document missing from a ranking gains nothing from it. Each document's terms are summed from its best
     * rank down, so the same ranks give the same score whichever rankings they came from.
     *
     * @param rankings ids, best first; each id at most once per ranking
     * @param limit    the most results, {@code >= 1}
     * @throws IllegalArgumentException if a ranking lists an id twice, or {@code limit < 1}
     */
    public List<Fused> fuse(List<List<String>> rankings, int limit) {
        double[] weights = new double[rankings.size()];
        Arrays.fill(weights, 1.0);
        return fuse(rankings, weights, limit);
    }

    /**
     * Fuses rankings into one as {@link #fuse(List, int)} does, each ranking's terms multiplied by its weight. A
     * ranking of weight 0 adds nothing to any score, but a document it alone holds is still a candidate (scoring
     * 0), ranked after every document another ranking holds.
     *
     * @param weights one per ranking, each finite and {@code >= 0}
     * @throws IllegalArgumentException if a ranking lists an id twice, {@code limit < 1}, or the weights do not
     *                                  match the rankings
     */
    public List<Fused> fuse(List<List<String>> rankings, double[] weights, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
        }
        if (weights.length != rankings.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + rankings.size() + " rankings");
        }
        var ranks = new LinkedHashMap<String, List<Rank>>();
        for (int r = 0; r < rankings.size(); r++) {
            if (!(weights[r] >= 0 && Double.isFinite(weights[r]))) {
                throw new IllegalArgumentException("a ranking's weight must be finite and >= 0 but was " + weights[r]);
            }
            List<String> ranking = rankings.get(r);
            var seen = new HashSet<String>();
            for (int i = 0; i < ranking.size(); i++) {
                String id = Objects.requireNonNull(ranking.get(i), "id");
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("a ranking lists '" + id + "' twice; each id may rank once");
                }
                ranks.computeIfAbsent(id, x -> new ArrayList<>()).add(new Rank(i + 1, weights[r]));
            }
        }
        var candidates = new ArrayList<Candidate>(ranks.size());
        for (Map.Entry<String, List<Rank>> entry : ranks.entrySet()) {
            List<Rank> its = entry.getValue();
            its.sort(Comparator.comparingInt(Rank::rank).thenComparingDouble(Rank::weight));
            double score = 0;
            int bestRank = Integer.MAX_VALUE;
            for (Rank rank : its) {
                score += rank.weight() / (k + rank.rank());
                if (rank.weight() > 0) {
                    bestRank = Math.min(bestRank, rank.rank());
                }
            }
            candidates.add(new Candidate(entry.getKey(), score, bestRank));
        }
        candidates.sort(ORDER);
        var fused = new ArrayList<Fused>(Math.min(limit, candidates.size()));
        for (Candidate c : candidates.subList(0, Math.min(limit, candidates.size()))) {
            fused.add(new Fused(c.id(), c.score()));
        }
        return fused;
    }

    private record Candidate(String id, double score, int bestRank) {
    }

    private record Rank(int rank, double weight) {
    }
}
