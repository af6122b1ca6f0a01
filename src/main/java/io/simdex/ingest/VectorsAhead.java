package io.simdex.ingest;

import io.simdex.corpus.Paper;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The vectors of an import's batches, made ahead of the commits: while one batch is committed, the next
 * {@code depth} are looked up and encoded on threads of their own. So the encoder never waits for the store, and
 * with two batches encoding at once the bulk workers are not left idle while the last model call of one batch
 * finishes. A text repeated in a batch that is encoded before the earlier batch committed is encoded again.
 */
final class VectorsAhead implements AutoCloseable {

    private final VectorSource source;
    private final List<List<Paper>> batches;
    private final ExecutorService threads;
    private final ArrayDeque<Future<VectorSource.Vectors>> pending = new ArrayDeque<>();
    private int submitted;

    /**
     * Starts the first {@code depth} batches.
     *
     * @param depth batches encoding at once, {@code >= 1}
     */
    VectorsAhead(VectorSource source, List<List<Paper>> batches, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1 but was " + depth);
        }
        this.source = source;
        this.batches = List.copyOf(batches);
        var threadNumber = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(depth, r -> {
            Thread t = new Thread(r, "simdex-import-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        while (submitted < Math.min(depth, this.batches.size())) {
            submitNext();
        }
    }

    /**
     * The next batch's vectors, in batch order, once they are ready; then starts the next batch not yet started.
     *
     * @throws NoSuchElementException after the last batch
     * @throws RuntimeException       what looking up or encoding the batch threw
     */
    VectorSource.Vectors next() {
        Future<VectorSource.Vectors> head = pending.poll();
        if (head == null) {
            throw new NoSuchElementException("every batch was handed out");
        }
        VectorSource.Vectors vectors = await(head);
        if (submitted < batches.size()) {
            submitNext();
        }
        return vectors;
    }

    private void submitNext() {
        List<Paper> batch = batches.get(submitted++);
        pending.add(threads.submit(() -> source.of(batch)));
    }

    private static VectorSource.Vectors await(Future<VectorSource.Vectors> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("encoding a batch failed", e.getCause());
        }
    }

    /** Stops the batches still running; what they encoded is not stored. */
    @Override
    public void close() {
        pending.forEach(f -> f.cancel(true));
        threads.shutdownNow();
    }
}
