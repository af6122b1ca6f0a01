package io.simdex.encode;

/**
 * How an encoder spreads its work over the cores. Bulk work (imports, re-encoding, large batches) runs on
 * {@code bulkWorkers} predictors of {@code bulkThreads} ONNX Runtime threads each, which gives the most texts per
 * second: independent model calls keep every core busy, with no synchronization inside a call. A call that fits one
 * batch (a search query, a duplicate check, one paper) runs on the query predictor with {@code queryThreads} threads,
 * which splits one call over the cores and so answers soonest. Bulk batches are cut by a budget of padded tokens.
 *
 * @param bulkWorkers  bulk predictors, each on its own thread, 1..64
 * @param bulkThreads  ONNX Runtime intra-op threads per bulk predictor, 1..64
 * @param queryThreads ONNX Runtime intra-op threads of the query predictor, 1..64
 * @param batchTokens  padded tokens per bulk model call (rows × the batch's longest text), 16..65536
 */
public record Pools(int bulkWorkers, int bulkThreads, int queryThreads, int batchTokens) {

    /** The default of {@code model.batch-tokens}: about 8 abstracts at 256 tokens. */
    public static final int DEFAULT_BATCH_TOKENS = 2048;

    public Pools {
        requireRange("bulk-workers", bulkWorkers, 1, 64);
        requireRange("bulk-threads-per-worker", bulkThreads, 1, 64);
        requireRange("query-threads", queryThreads, 1, 64);
        requireRange("batch-tokens", batchTokens, 16, 65_536);
    }

    /** One bulk worker of one thread per core, the query predictor on every core, the default batch budget. */
    public static Pools perCore(int cores) {
        return new Pools(cores, 1, cores, DEFAULT_BATCH_TOKENS);
    }

    /** Whether bulk and query predictors run with the same thread count, and so can share one session. */
    boolean sameThreads() {
        return bulkThreads == queryThreads;
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
