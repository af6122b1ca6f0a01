package io.simdex.tools.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scores one mode's rankings of a {@link QuerySet} per query style, as {@link RetrievalMetrics} computes them
 * (nDCG@10 with the graded answers as gains, MRR@10, Recall@10), and over all queries and each split.
 */
public final class StyleScores {

    /** The group of every query. */
    public static final String ALL = "all";

    private StyleScores() {
    }

    /**
     * One group of queries scored.
     *
     * @param group a style, {@value #ALL}, or {@code all (tune)} / {@code all (held-out)}
     */
    public record Row(String group, RetrievalMetrics metrics) {
    }

    /**
     * Rows for each style in the order the set lists them, then all queries, then each split that has queries.
     *
     * @param rankings query id to paper ids, best first; a query without a ranking scores 0
     */
    public static List<Row> of(QuerySet set, Map<String, List<String>> rankings) {
        var rows = new ArrayList<Row>();
        for (String style : set.styles()) {
            rows.add(row(style, set, rankings, q -> q.style().equals(style)));
        }
        rows.add(row(ALL, set, rankings, q -> true));
        for (String split : List.of(QuerySet.TUNE, QuerySet.HELD_OUT)) {
            if (set.queries().stream().anyMatch(q -> q.split().equals(split))) {
                rows.add(row(ALL + " (" + split + ")", set, rankings, q -> q.split().equals(split)));
            }
        }
        return rows;
    }

    private static Row row(String group, QuerySet set, Map<String, List<String>> rankings,
                           Predicate<QuerySet.Query> in) {
        var qrels = new LinkedHashMap<String, Map<String, Integer>>();
        var ranked = new LinkedHashMap<String, List<String>>();
        for (QuerySet.Query q : set.queries()) {
            if (in.test(q)) {
                qrels.put(q.id(), q.answers());
                ranked.put(q.id(), rankings.getOrDefault(q.id(), List.of()));
            }
        }
        return new Row(group, RetrievalMetrics.of(ranked, qrels));
    }
}
