package io.simdex.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Admission control for the routes that encode text: at most {@code api.max-concurrent-encodes} run at once. A
 * request that finds them all busy may wait for its turn only when its estimated wait fits
 * {@code api.max-queue-wait} and fewer than {@code api.max-queued-encodes} are waiting ({@link AdmissionRule});
 * the rest are refused at once with 429 and a {@code Retry-After} from the same estimate, so an overloaded
 * server answers quickly and the requests it admits stay nearly as fast as on an idle one. Each gated route keeps
 * its own moving average of how long its requests take ({@link ServiceTime}), the costs the estimate adds up. A
 * request that waits longer than {@code api.request-timeout} is refused with 503.
 */
final class EncodeGate {

    private final Semaphore slots;
    private final AdmissionRule rule;
    private final long timeoutNanos;
    private final AtomicLong refused = new AtomicLong();
    /** Guards the four counts below, which the rule reads together. */
    private final Object lock = new Object();
    private int running;
    private int waiting;
    private long runningWorkNanos;
    private long waitingWorkNanos;

    EncodeGate(HttpOptions.Bounds bounds) {
        this.slots = new Semaphore(bounds.maxConcurrentEncodes(), true);
        long budget = bounds.maxQueueWaitMillis() == HttpOptions.Bounds.QUEUE_WAIT_AUTO ? AdmissionRule.AUTO
                : TimeUnit.MILLISECONDS.toNanos(bounds.maxQueueWaitMillis());
        this.rule = new AdmissionRule(bounds.maxConcurrentEncodes(), bounds.maxQueuedEncodes(), budget);
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(bounds.requestTimeoutSeconds());
    }

    /** The handler, run only once the gate admits its request; the route's service time is its own. */
    Handler gated(Handler handler) {
        var serviceTime = new ServiceTime();
        return ctx -> {
            long cost = serviceTime.averageNanos();
            enter(ctx, cost);
            long start = System.nanoTime();
            try {
                handler.handle(ctx);
            } finally {
                leave(cost);
                serviceTime.record(System.nanoTime() - start);
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
        synchronized (lock) {
            return waiting;
        }
    }

    /** Requests encoding now. */
    int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Requests refused with 429 so far. */
    long refused() {
        return refused.get();
    }

    private void enter(Context ctx, long cost) throws InterruptedException {
        AdmissionRule.Verdict verdict;
        synchronized (lock) {
            verdict = rule.judge(new AdmissionRule.Load(running, waiting, runningWorkNanos, waitingWorkNanos), cost);
            if (verdict.admitted()) {
                waiting++;
                waitingWorkNanos += cost;
            }
        }
        if (!verdict.admitted()) {
            refused.incrementAndGet();
            ctx.header("Retry-After", String.valueOf(retryAfterSeconds(verdict.drainNanos())));
            throw new HttpResponseException(429, busy(verdict), Map.of());
        }
        boolean started = false;
        try {
            started = slots.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } finally {
            synchronized (lock) {
                waiting--;
                waitingWorkNanos -= cost;
                if (started) {
                    running++;
                    runningWorkNanos += cost;
                }
            }
        }
        if (!started) {
            ctx.header("Retry-After", String.valueOf(retryAfterSeconds(verdict.drainNanos())));
            throw new HttpResponseException(503, "simdex could not start this request within "
                    + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s (api.request-timeout): the requests before"
                    + " it took longer; retry after the seconds in Retry-After", Map.of());
        }
    }

    private void leave(long cost) {
        synchronized (lock) {
            running--;
            runningWorkNanos -= cost;
        }
        slots.release();
    }

    private String busy(AdmissionRule.Verdict verdict) {
        int concurrency = rule.concurrency();
        if (verdict.outcome() == AdmissionRule.Outcome.LINE_FULL) {
            return "simdex is busy: " + concurrency + " requests are encoding text and " + rule.maxQueued()
                    + " are waiting, the most it takes (api.max-concurrent-encodes, api.max-queued-encodes);"
                    + " retry after the seconds in Retry-After";
        }
        return String.format(Locale.ROOT, "simdex is busy: this request would wait about %.0f ms for one of the %d"
                + " encoding slots, more than the %.0f ms it may (api.max-queue-wait); retry after the seconds in"
                + " Retry-After", verdict.estimatedWaitNanos() / 1e6, concurrency, verdict.budgetNanos() / 1e6);
    }

    /** Long enough for the work inside now to drain, at least a second. */
    private static long retryAfterSeconds(long drainNanos) {
        return Math.max(1, (drainNanos + 999_999_999) / 1_000_000_000);
    }
}
