package io.simdex.dedup;

import java.util.List;

/**
 * Every group of corpus papers linked by pairs scoring at or above a threshold.
 *
 * @param threshold  the cosine a pair needs
 * @param clusters   connected groups of two or more papers, by highest pair score descending
 * @param pairs      how many pairs scored at or above the threshold
 * @param tookMs     wall time of the scan
 */
public record DuplicateClusters(float threshold, List<Cluster> clusters, int pairs, long tookMs) {

    /**
     * The most pairs a cluster lists with their scores, the strongest; a cluster with more still counts them all in
     * {@link Cluster#pairs()}. 100 lists every pair of a fully linked cluster of up to 14 papers.
     */
    public static final int PAIR_SCORES_PER_CLUSTER = 100;

    public DuplicateClusters {
        clusters = List.copyOf(clusters);
    }

    /**
     * One group of papers.
     *
     * @param id       stable across requests and restarts: {@code dup-} and the group's smallest paper id
     * @param papers   the members, by id
     * @param maxScore the highest pair score inside the group
     * @param pairs    how many pairs inside the group reached the threshold
     * @param pairScores the strongest of those pairs with their scores, by score descending (ties by the ids), at
     *                   most {@link #PAIR_SCORES_PER_CLUSTER}; all of them when {@code pairs} is no more
     */
    public record Cluster(String id, List<PaperRef> papers, float maxScore, int pairs, List<PairScore> pairScores) {
        public Cluster {
            papers = List.copyOf(papers);
            pairScores = List.copyOf(pairScores);
        }
    }

    /**
     * Two papers of a cluster and their cosine, at or above the threshold.
     *
     * @param a     the id that comes first in {@link String} order
     * @param b     the other id
     * @param score their cosine
     */
    public record PairScore(String a, String b, float score) {
    }

    /** A paper named in a cluster. */
    public record PaperRef(String id, String title) {
    }
}
