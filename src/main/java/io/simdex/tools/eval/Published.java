package io.simdex.tools.eval;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The published scores of the models simdex ships, from the MTEB leaderboard (English, v1): SciFact nDCG@10
 * and STSBenchmark test Spearman. A run more than 0.005 below its published STS figure points at a pipeline
 * fault (tokenizer, pooling, truncation, normalization).
 */
public final class Published {

    /** Pairs in the STS-B test split; the published correlations are over all of them. */
    public static final int STSB_TEST_PAIRS = 1379;

    private static final Map<String, Double> SCIFACT_NDCG10 = Map.of(
            "all-minilm-l6-v2", 0.6451,
            "bge-small-en-v1.5", 0.7127);

    private static final Map<String, Double> STSB_SPEARMAN = Map.of(
            "all-minilm-l6-v2", 0.8203,
            "bge-small-en-v1.5", 0.8586);

    private Published() {
    }

    /** The published nDCG@10 for a BEIR set, when known for this model. */
    public static OptionalDouble retrieval(String model, String dataset) {
        Double value = dataset.equalsIgnoreCase("scifact") ? SCIFACT_NDCG10.get(model) : null;
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The published Spearman correlation on the full STS-B test set, when known for this model. */
    public static OptionalDouble sts(String model) {
        Double value = STSB_SPEARMAN.get(model);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
