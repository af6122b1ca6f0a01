package io.simdex.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The threads one {@link FlatIndex} scans with: {@code threads - 1} daemon workers named
 * {@code simdex-scan-N}, plus the calling thread, which always runs one share itself.
 *
 * <p>Idle workers exit after a while, so an index that is dropped without {@link #close()} leaks no threads
 * for long. Workers never wait for other tasks, so concurrent searches cannot deadlock; they queue.
 */
final class ScanPool implements AutoCloseable {

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final long IDLE_SECONDS = 30;

    private final int threads;
    private final ThreadPoolExecutor workers;

    /** A pool for {@code threads} shares at once; 1 means the caller does everything and no thread starts. */
    ScanPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.workers = null;
            return;
        }
        this.workers = new ThreadPoolExecutor(threads - 1, threads - 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "simdex-scan-" + THREAD_NUMBER.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.workers.allowCoreThreadTimeOut(true);
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code share.apply(i)} for {@code i} in {@code [0, shares)}: share 0 on the calling thread, the
     * others on workers, and returns the results in share order once all are done. If the caller is
     * interrupted it still waits for the shares (they are short) and then restores the interrupt flag. The
     * owner must not call this after {@link #close()}.
     */
    <T> List<T> run(int shares, IntFunction<T> share) {
        if (shares == 1 || workers == null) {
            List<T> results = new ArrayList<>(shares);
            for (int i = 0; i < shares; i++) {
                results.add(share.apply(i));
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(shares - 1);
        for (int i = 1; i < shares; i++) {
            int index = i;
            futures.add(workers.submit(() -> share.apply(index)));
        }
        List<T> results = new ArrayList<>(shares);
        results.add(share.apply(0));
        boolean interrupted = false;
        try {
            for (Future<T> future : futures) {
                while (true) {
                    try {
                        results.add(future.get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a scan share failed", e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("a scan share was cancelled: the index was closed", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return results;
    }

    /** Stops the workers once their current tasks are done. */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
        }
    }
}
