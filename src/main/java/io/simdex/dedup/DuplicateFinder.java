package io.simdex.dedup;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Papers;
import io.simdex.index.ScoredPair;
import io.simdex.index.TooManyPairsException;
import io.simdex.index.VectorIndex;
import io.simdex.search.InvalidQueryException;

import java.util.ArrayList;
import java.util.List;

/** Finds every pair of corpus papers at or above a cosine threshold, exactly, and groups them into clusters. */
final class DuplicateFinder {

    private final Papers corpus;
    private final VectorIndex index;
    private final int maxPairs;

    DuplicateFinder(Papers corpus, VectorIndex index, int maxPairs) {
        this.corpus = corpus;
        this.index = index;
        this.maxPairs = maxPairs;
    }

    /** @throws InvalidQueryException if more than the configured maximum of pairs reach the threshold */
    DuplicateClusters clusters(float threshold) {
        long start = System.nanoTime();
        List<ScoredPair> pairs;
        try {
            pairs = index.pairsAtOrAbove(threshold, maxPairs);
        } catch (TooManyPairsException e) {
            throw new InvalidQueryException("threshold", "more than " + maxPairs + " pairs of papers score at or "
                    + "above " + threshold + ", too many to be duplicates; raise the threshold (or dedup.max-pairs)");
        }
        var clusters = new ArrayList<DuplicateClusters.Cluster>();
        for (PairClusters.Cluster group : PairClusters.of(pairs, DuplicateClusters.PAIR_SCORES_PER_CLUSTER)) {
            var papers = group.members().stream()
                    .map(id -> new DuplicateClusters.PaperRef(id, corpus.find(id).map(Paper::title).orElse("")))
                    .toList();
            var scores = group.strongest().stream()
                    .map(pair -> new DuplicateClusters.PairScore(pair.first(), pair.second(), pair.score()))
                    .toList();
            clusters.add(new DuplicateClusters.Cluster(group.id(), papers, group.maxScore(), group.pairs(), scores));
        }
        return new DuplicateClusters(threshold, clusters, pairs.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
