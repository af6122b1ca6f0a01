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
     */
    public record Cluster(String id, List<PaperRef> papers, float maxScore, int pairs) {
        public Cluster {
            papers = List.copyOf(papers);
        }
    }

    /** A paper named in a cluster. */
    public record PaperRef(String id, String title) {
    }
}
