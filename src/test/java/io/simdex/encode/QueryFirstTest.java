package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

/** Bulk batches wait for the queries running when they are about to start, and only for those. */
class QueryFirstTest {

    @Test
    void with_no_query_running_a_bulk_batch_goes_at_once() throws InterruptedException {
        var gate = new QueryFirst();
        gate.awaitRunningQueries();
        gate.begin();
        gate.end();
        gate.awaitRunningQueries();
    }

    @Test
    void a_bulk_batch_waits_for_a_running_query_and_not_for_one_that_starts_later() throws Exception {
        var gate = new QueryFirst();
        gate.begin(); // query A runs
        var through = new AtomicBoolean();
        Thread bulk = new Thread(() -> {
            try {
                gate.awaitRunningQueries();
                through.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        bulk.start();
        awaitWaiting(bulk);
        gate.begin(); // query B starts while the batch waits
        assertThat(through).isFalse();
        gate.end(); // A ends; B still runs
        bulk.join();
        assertThat(through).isTrue();
        gate.end();
    }

    /** Until {@code t} blocks in {@code wait()}: its state, not a timer, says so. */
    private static void awaitWaiting(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }
}
