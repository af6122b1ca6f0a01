package io.simdex.tools.eval;

import java.util.List;

/**
 * What one {@code eval} run measured, for one model configuration; serialized as the {@code --json} output.
 *
 * @param model         the model's name
 * @param precision     fp32 or int8
 * @param precisionChoice how {@code model.precision} resolved to it, e.g. {@code set to fp32} or
 *                      {@code auto: this amd64 CPU has avx512_vnni, ...}
 * @param maxTokens     the token budget per model input
 * @param longTexts     truncate or chunk
 * @param retrieval     one entry per BEIR set and search mode
 * @param sts           one entry per STS file
 * @param titleAbstract one entry per search mode, when the title-to-abstract check ran
 * @param related       one entry per way of ranking related papers, when the related-paper check ran
 * @param judged        one entry per way of ranking related papers, when the judged related-paper check ran
 * @param queries       one entry per search mode and group of queries, when the query-set check ran
 * @param fusion        how the hybrid rows fused their rankings, search's then related papers', e.g.
 *                      {@code convex (vector weight 0.4, full coverage 0.2); related: rrf (k 60, words weight 1.0,
 *                      title weight 1.0)}
 */
public record EvalReport(String model, String precision, String precisionChoice, int maxTokens, String longTexts,
                         List<RetrievalResult> retrieval, List<StsResult> sts, List<TitleAbstractResult> titleAbstract,
                         List<RelatedResult> related, List<JudgedResult> judged,
                         List<QueryStyleResult> queries,
                         String fusion) {

    /**
     * One search mode's ranking quality on one group of a {@link QuerySet}: a style, all queries, or a split.
     *
     * @param group   the style, {@code all}, {@code all (tune)} or {@code all (held-out)}
     * @param queries how many queries the group holds
     */
    public record QueryStyleResult(String mode, String group, int queries, double ndcg10, double mrr10,
                                   double recall10) {
    }

    /**
     * Retrieval on a BEIR set in one mode.
     *
     * @param published the model's published nDCG@10 on this set (vector mode only), or null
     */
    public record RetrievalResult(String dataset, String mode, int documents, int queries, double ndcg10,
                                  double recall10, double recall100, double mrr10, Double published,
                                  EncodingSpeed encoding) {
    }

    /**
     * STS Spearman correlation.
     *
     * @param published the model's published Spearman on the full STS-B test set, or null
     */
    public record StsResult(String file, int pairs, double spearman, Double published, EncodingSpeed encoding) {
    }

    /** Each bundled paper's title as a query for its own abstract (embedded without the title). */
    public record TitleAbstractResult(String mode, int papers, double recall1, double mrr, EncodingSpeed encoding) {
    }

    /**
     * Related papers found by "more like this" ({@link RelatedMetrics}): each pair asked both ways.
     *
     * @param mode   how papers like a paper were ranked: {@code vector} (cosine, what
     *               {@code GET /api/papers/{id}/similar} serves), {@code lexical} (BM25 over the paper's own
     *               distinctive terms) or {@code hybrid} (the two fused)
     * @param auc    the chance a related pair's cosine beats a random pair's; vector mode only, else null
     */
    public record RelatedResult(String dataset, String mode, int documents, int pairs, int queries, double recall10,
                                double recall100, double mrr100, Double auc, EncodingSpeed encoding) {
    }

    /**
     * Related papers judged by reading ({@link JudgedMetrics}), ranked in one mode.
     *
     * @param judgments  where the judgements came from
     * @param precision5 share of the top 5 graded 1 or 2; {@code wanted5} the share graded 2
     * @param judged5    share of the top 5 that carries a judgement
     */
    public record JudgedResult(String judgments, String mode, int papers, int queries, double precision5,
                               double wanted5, double ndcg10, double judged5, EncodingSpeed encoding) {
    }

    /**
     * How fast the texts behind a result were encoded; null in a mode that embeds nothing (lexical).
     *
     * @param texts          documents (or sentences) encoded
     * @param truncated      how many were over the token budget
     * @param seconds        wall-clock encoding time
     * @param textsPerSecond throughput
     * @param fromCache      whether the vectors came from the cache (the figures are then the filling run's)
     */
    public record EncodingSpeed(int texts, int truncated, double seconds, double textsPerSecond, boolean fromCache) {

        static EncodingSpeed of(EvalEncoder.Encoded encoded) {
            EvalEncoder.Speed s = encoded.speed();
            return new EncodingSpeed(s.texts(), encoded.truncated(), s.seconds(), s.textsPerSecond(), s.cached());
        }
    }
}
