package io.simdex.tools.eval;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well "more like this" ranks the papers a reader judged ({@link JudgedSet}): for each query paper its own
 * ranking (the paper itself never in it), scored against its grades; an unjudged paper counts as grade 0.
 * nDCG uses linear gains (the grade), as pytrec_eval's {@code ndcg_cut} and the BEIR figures do.
 *
 * @param queries        query papers scored
 * @param precision5     mean share of the top 5 graded 1 or 2 (somewhat relevant or clearly wanted)
 * @param wanted5        mean share of the top 5 graded 2 (clearly wanted)
 * @param ndcg10         mean nDCG@10 with gain = grade
 * @param judged5        mean share of the top 5 that carries a judgement; below 1, the figures are a floor
 */
public record JudgedMetrics(int queries, double precision5, double wanted5, double ndcg10, double judged5) {

    /** The depth of the ranking each query needs. */
    public static final int DEPTH = 10;

    /** Scores a ranking on every query of the set. */
    public static JudgedMetrics of(JudgedSet set, RelatedMetrics.Ranking ranking) {
        int n = 0;
        double p5 = 0;
        double w5 = 0;
        double ndcg = 0;
        double j5 = 0;
        for (var entry : set.judgments().entrySet()) {
            List<String> ranked = ranking.similar(entry.getKey(), Set.of(), DEPTH);
            Map<String, Integer> grades = entry.getValue();
            p5 += precision(ranked, grades, 1, 5);
            w5 += precision(ranked, grades, JudgedSet.WANTED, 5);
            ndcg += ndcg(ranked, grades, DEPTH);
            j5 += ranked.stream().limit(5).filter(grades::containsKey).count() / 5.0;
            n++;
        }
        return new JudgedMetrics(n, p5 / n, w5 / n, ndcg / n, j5 / n);
    }

    /** The share of the first {@code k} places (missing places count as misses) graded at least {@code grade}. */
    static double precision(List<String> ranked, Map<String, Integer> grades, int grade, int k) {
        long hits = ranked.stream().limit(k).filter(id -> grades.getOrDefault(id, 0) >= grade).count();
        return (double) hits / k;
    }

    /**
     * nDCG@k with gain = grade and discount 1 / log2(rank + 1); the ideal ranking orders every judged paper by
     * grade. 0 when no paper is graded above 0.
     */
    static double ndcg(List<String> ranked, Map<String, Integer> grades, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += grades.getOrDefault(ranked.get(i), 0) / log2(i + 2);
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).limit(k).toList();
        double best = 0;
        for (int i = 0; i < ideal.size(); i++) {
            best += ideal.get(i) / log2(i + 2);
        }
        return best == 0 ? 0 : dcg / best;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
