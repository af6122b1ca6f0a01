package io.simdex.cli;

import io.simdex.dedup.DuplicateClusters;

/** Duplicate clusters as CSV (RFC 4180): one row per paper, with its cluster's id, best score and pair count. */
final class ClusterCsv {

    static final String HEADER = "cluster_id,max_score,pairs,paper_id,title";

    private ClusterCsv() {
    }

    static String write(DuplicateClusters clusters) {
        var csv = new StringBuilder(HEADER);
        for (DuplicateClusters.Cluster cluster : clusters.clusters()) {
            for (DuplicateClusters.PaperRef paper : cluster.papers()) {
                csv.append('\n').append(field(cluster.id())).append(',').append(cluster.maxScore()).append(',')
                        .append(cluster.pairs()).append(',').append(field(paper.id())).append(',')
                        .append(field(paper.title()));
            }
        }
        return csv.toString();
    }

    /** Quotes a field when it holds a comma, quote or line break, doubling inner quotes. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
