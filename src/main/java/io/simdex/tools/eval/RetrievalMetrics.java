package io.simdex.tools.eval;

import java.util.List;
import java.util.Map;

/**
 * Ranking quality as BEIR and MTEB compute it (pytrec_eval's {@code ndcg_cut}, {@code recall}, and BEIR's
 * MRR@k), averaged over queries: nDCG@10 with linear gains, Recall@1/10/100, MRR@10 and MRR@100.
 *
 * @param queries  how many queries were averaged
 * @param ndcg10   mean nDCG@10
 * @param recall1  mean share of a query's relevant documents found in the top 1
 * @param recall10 ... in the top 10
 * @param recall100 ... in the top 100
 * @param mrr10    mean reciprocal rank of the first relevant document, 0 when it is below rank 10
 * @param mrr100   the same with a cut at 100
 */
public record RetrievalMetrics(int queries, double ndcg10, double recall1, double recall10, double recall100,
                               double mrr10, double mrr100) {

    /** How deep rankings must go for every metric here. */
    public static final int DEPTH = 100;

    /**
     * Scores rankings against judgements.
     *
     * @param rankings query id to document ids, best first, at least {@link #DEPTH} deep when the corpus is
     * @param qrels    query id to (document id to graded relevance); grades above 0 are relevant
     */
    public static RetrievalMetrics of(Map<String, List<String>> rankings, Map<String, Map<String, Integer>> qrels) {
        int n = 0;
        double ndcg = 0;
        double r1 = 0;
        double r10 = 0;
        double r100 = 0;
        double mrr10 = 0;
        double mrr100 = 0;
        for (var entry : qrels.entrySet()) {
            List<String> ranking = rankings.get(entry.getKey());
            Map<String, Integer> judged = entry.getValue();
            long relevant = judged.values().stream().filter(g -> g > 0).count();
            if (ranking == null || relevant == 0) {
                continue;
            }
            n++;
            ndcg += ndcgAt(ranking, judged, 10);
            r1 += found(ranking, judged, 1) / (double) relevant;
            r10 += found(ranking, judged, 10) / (double) relevant;
            r100 += found(ranking, judged, 100) / (double) relevant;
            mrr10 += reciprocalRank(ranking, judged, 10);
            mrr100 += reciprocalRank(ranking, judged, 100);
        }
        if (n == 0) {
            throw new IllegalArgumentException("no query has both a ranking and a relevant document");
        }
        return new RetrievalMetrics(n, ndcg / n, r1 / n, r10 / n, r100 / n, mrr10 / n, mrr100 / n);
    }

    static double ndcgAt(List<String> ranking, Map<String, Integer> judged, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            dcg += Math.max(0, judged.getOrDefault(ranking.get(i), 0)) / log2(i + 2);
        }
        int[] ideal = judged.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).mapToInt(g -> g).toArray();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.length); i++) {
            idcg += ideal[i] / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    private static int found(List<String> ranking, Map<String, Integer> judged, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (judged.getOrDefault(ranking.get(i), 0) > 0) {
                hits++;
            }
        }
        return hits;
    }

    private static double reciprocalRank(List<String> ranking, Map<String, Integer> judged, int k) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (judged.getOrDefault(ranking.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
