package io.simdex.encode;

/**
 * Lets queries go ahead of bulk encoding on shared cores: a bulk batch about to start first waits for the queries
 * running at that moment to end. Queries never wait for bulk work (they have their own predictor); they share the
 * cores at most with the bulk batches already running, one per bulk worker. Queries that start while a bulk batch
 * waits do not hold it up further, so a steady stream of queries slows bulk work but never stops it.
 */
final class QueryFirst {

    private long started;
    private long finished;

    /** A query starts; pair with {@link #end()}. */
    synchronized void begin() {
        started++;
    }

    /** A query ended. */
    synchronized void end() {
        finished++;
        notifyAll();
    }

    /** Blocks until the queries running now have ended; returns at once when none is. */
    synchronized void awaitRunningQueries() throws InterruptedException {
        long mark = started;
        while (finished < mark) {
            wait();
        }
    }
}
