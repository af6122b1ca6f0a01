package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

/** Which predictors a call runs on: a call that fits one batch is a query's, a larger one is bulk work. */
class PoolSelectionTest {

    private static final int BUDGET = Pools.DEFAULT_BATCH_TOKENS;

    @Test
    void one_short_query_or_a_few_run_on_the_query_predictor() {
        assertThat(OnnxEncoder.pool(TokenBudget.batches(new int[] {12}, BUDGET))).isEqualTo(OnnxEncoder.Pool.QUERY);
        assertThat(OnnxEncoder.pool(TokenBudget.batches(new int[] {12, 30, 9}, BUDGET)))
                .isEqualTo(OnnxEncoder.Pool.QUERY);
        // one whole abstract at 256 tokens, as a duplicate check or one written paper
        assertThat(OnnxEncoder.pool(TokenBudget.batches(new int[] {256}, BUDGET))).isEqualTo(OnnxEncoder.Pool.QUERY);
    }

    @Test
    void an_import_batch_of_abstracts_runs_on_the_bulk_workers() {
        int[] abstracts = new int[256];
        Arrays.fill(abstracts, 256);
        // 2048 / 256 = 8 abstracts per call: 32 calls for the bulk workers to share
        assertThat(TokenBudget.batches(abstracts, BUDGET)).hasSize(32);
        assertThat(OnnxEncoder.pool(TokenBudget.batches(abstracts, BUDGET))).isEqualTo(OnnxEncoder.Pool.BULK);
        // nine abstracts just overflow one call
        assertThat(OnnxEncoder.pool(TokenBudget.batches(Arrays.copyOf(abstracts, 9), BUDGET)))
                .isEqualTo(OnnxEncoder.Pool.BULK);
    }

    @Test
    void the_default_pools_put_one_bulk_worker_of_one_thread_and_one_query_thread_on_each_core() {
        Pools two = Pools.perCore(2);
        assertThat(two).isEqualTo(new Pools(2, 1, 2, BUDGET));
        assertThat(two.sameThreads()).isFalse();
        assertThat(Pools.perCore(1).sameThreads()).isTrue();
    }
}
