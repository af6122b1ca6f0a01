package io.simdex.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Admission control for the routes that encode text: at most {@code api.max-concurrent-encodes} run at once,
 * at most {@code api.max-queued-encodes} wait for their turn, and the rest are refused at once with 429 and a
 * {@code Retry-After}, so an overloaded server answers quickly instead of piling up work. A request that waits
 * longer than {@code api.request-timeout} is refused with 503. The waiting line is short, so the work left
 * for clients that gave up while they waited is short too.
 */
final class EncodeGate {

    private final Semaphore running;
    private final int concurrency;
    private final int maxQueued;
    private final long timeoutNanos;
    /**
     * Requests let in, running or waiting: one count, so that a request finishing and one starting its turn
     * never make the line look longer than it is.
     */
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    /** A moving average of how long an admitted request takes, in nanoseconds, for {@code Retry-After}. */
    private final AtomicLong averageNanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(50));

    EncodeGate(HttpOptions.Bounds bounds) {
        this.concurrency = bounds.maxConcurrentEncodes();
        this.running = new Semaphore(concurrency, true);
        this.maxQueued = bounds.maxQueuedEncodes();
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(bounds.requestTimeoutSeconds());
    }

    /** The handler, run only once the gate admits its request. */
    Handler gated(Handler handler) {
        return ctx -> {
            enter(ctx);
            long start = System.nanoTime();
            try {
                handler.handle(ctx);
            } finally {
                inside.decrementAndGet();
                running.release();
                long took = System.nanoTime() - start;
                averageNanos.getAndUpdate(average -> average + (took - average) / 8);
            }
        };
    }

    /**
     * A GET handler, gated when its query asks for explanations (which encode sentences), else run at once: a
     * lookup by id encodes nothing.
     */
    Handler gatedWhenExplaining(Handler handler) {
        return gatedUnless(ctx -> !explaining(ctx), handler);
    }

    /**
     * A handler run at once when {@code free} says its request needs no model call (a search whose query's
     * embedding is cached), else gated. {@code free} must not throw. It may rarely be wrong (a cached entry evicted
     * just after the check): that request still runs, only without waiting for its turn.
     */
    Handler gatedUnless(Predicate<Context> free, Handler handler) {
        Handler gated = gated(handler);
        return ctx -> (free.test(ctx) ? handler : gated).handle(ctx);
    }

    /** Whether a GET asks for explanations, which encode sentences. */
    static boolean explaining(Context ctx) {
        String explain = ctx.queryParam("explain");
        return explain != null && !explain.equalsIgnoreCase("false");
    }

    /** Requests waiting for their turn now. */
    int queued() {
        return Math.max(0, inside.get() - running());
    }

    /** Requests encoding now. */
    int running() {
        return concurrency - running.availablePermits();
    }

    /** Requests refused with 429 so far. */
    long refused() {
        return refused.get();
    }

    private void enter(Context ctx) throws InterruptedException {
        if (inside.incrementAndGet() > concurrency + maxQueued) {
            inside.decrementAndGet();
            refused.incrementAndGet();
            ctx.header("Retry-After", String.valueOf(retryAfterSeconds()));
            throw new HttpResponseException(429, "simdex is busy: " + concurrency + " requests are encoding text"
                    + " and " + maxQueued + " are waiting, the most it takes (api.max-concurrent-encodes,"
                    + " api.max-queued-encodes); retry after the seconds in Retry-After", Map.of());
        }
        boolean admitted = false;
        try {
            admitted = running.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } finally {
            if (!admitted) {
                inside.decrementAndGet();
            }
        }
        if (!admitted) {
            ctx.header("Retry-After", String.valueOf(retryAfterSeconds()));
            throw new HttpResponseException(503, "simdex could not start this request within "
                    + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s (api.request-timeout): the requests before"
                    + " it took longer; retry after the seconds in Retry-After", Map.of());
        }
    }

    /** Long enough for the queue ahead to drain, at least a second. */
    private long retryAfterSeconds() {
        long drain = averageNanos.get() * (maxQueued + concurrency) / concurrency;
        return Math.max(1, (drain + 999_999_999) / 1_000_000_000);
    }
}
