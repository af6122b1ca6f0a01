package io.simdex.tools.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A closed-loop load: a fixed number of clients, each sending one request, waiting for its answer and sending the
 * next at once (after a 429 too, unless the plan says to pause), first for a warm-up and then for a measured time. An answer counts
 * when it arrives inside the measured window; requests still open when the window ends are not counted.
 */
final class LoadRun {

    /** The status recorded for a request that got no HTTP answer (connection refused or reset). */
    static final int NO_ANSWER = 0;

    /** One request of one client. */
    @FunctionalInterface
    interface Call {

        /**
         * Sends request number {@code sequence} of client {@code client} and waits for the answer.
         *
         * @return the HTTP status (in-process work returns 200)
         * @throws IOException when no answer came; recorded as {@link #NO_ANSWER}
         */
        int send(int client, long sequence) throws IOException, InterruptedException;
    }

    /**
     * How a run loads its target.
     *
     * @param clients concurrent clients, each with one request open at a time
     * @param warmup time before the measured window
     * @param measured the measured window
     * @param pauseAfterRefusal how long a client waits after a 429 before its next request; zero: not at all
     */
    record Plan(int clients, Duration warmup, Duration measured, Duration pauseAfterRefusal) {

        /** A plan whose clients never pause. */
        Plan(int clients, Duration warmup, Duration measured) {
            this(clients, warmup, measured, Duration.ZERO);
        }

        Plan {
            if (pauseAfterRefusal.isNegative()) {
                throw new IllegalArgumentException("the pause after a 429 must be >= 0, got " + pauseAfterRefusal);
            }
            if (clients < 1 || clients > 1024) {
                throw new IllegalArgumentException("clients must be 1..1024, got " + clients);
            }
            if (warmup.isNegative() || measured.isZero() || measured.isNegative()) {
                throw new IllegalArgumentException("warm-up must be >= 0 and the measured time > 0, got "
                        + warmup + " and " + measured);
            }
        }
    }

    /**
     * What one run saw in its measured window.
     *
     * @param clients concurrent clients
     * @param seconds length of the measured window
     * @param statuses answers per HTTP status ({@link #NO_ANSWER} for none), in status order
     * @param latency latency per status, for statuses seen at least once
     */
    record Result(int clients, double seconds, Map<Integer, Long> statuses, Map<Integer, Latency> latency) {

        Result {
            statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
            latency = Collections.unmodifiableMap(new TreeMap<>(latency));
        }

        /** Every answer in the window, whatever its status. */
        long answers() {
            return statuses.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Answers with this status. */
        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        /** Answers with this status per second of the window. */
        double perSecond(int status) {
            return count(status) / seconds;
        }

        /** The share of all answers that had this status, 0 when there were none. */
        double share(int status) {
            long all = answers();
            return all == 0 ? 0 : (double) count(status) / all;
        }
    }

    private LoadRun() {
    }

    /** Runs {@code plan} against {@code call}, timed with {@link System#nanoTime()}. */
    static Result run(Plan plan, Call call) throws InterruptedException {
        return run(plan, call, System::nanoTime);
    }

    /**
     * Runs {@code plan} against {@code call}, timed with {@code clock} (nanoseconds).
     *
     * @throws IllegalStateException when a call fails with anything but an {@link IOException}
     */
    static Result run(Plan plan, Call call, LongSupplier clock) throws InterruptedException {
        Objects.requireNonNull(call, "call");
        long start = clock.getAsLong();
        long from = start + plan.warmup().toNanos();
        long until = from + plan.measured().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(plan.clients(), r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        try {
            var futures = new ArrayList<Future<Tally>>();
            for (int c = 0; c < plan.clients(); c++) {
                int client = c;
                futures.add(pool.submit(() -> client(client, call, clock, from, until,
                        plan.pauseAfterRefusal().toNanos())));
            }
            var total = new Tally();
            for (Future<Tally> f : futures) {
                total.addAll(f.get());
            }
            return total.result(plan.clients(), plan.measured().toNanos() / 1e9);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load client failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Tally client(int client, Call call, LongSupplier clock, long from, long until, long pause)
            throws InterruptedException {
        var tally = new Tally();
        for (long sequence = 0; ; sequence++) {
            long sent = clock.getAsLong();
            if (sent >= until) {
                return tally;
            }
            int status;
            try {
                status = call.send(client, sequence);
            } catch (IOException e) {
                status = NO_ANSWER;
            }
            long answered = clock.getAsLong();
            if (answered >= from && answered < until) {
                tally.add(status, answered - sent);
            }
            if (status == 429 && pause > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, Math.max(0, until - answered)));
            }
        }
    }

    /** Latencies per status, as one client or all of them recorded them. */
    private static final class Tally {

        private final Map<Integer, long[]> samples = new TreeMap<>();
        private final Map<Integer, Integer> sizes = new TreeMap<>();

        void add(int status, long nanos) {
            long[] held = samples.computeIfAbsent(status, s -> new long[256]);
            int size = sizes.getOrDefault(status, 0);
            if (size == held.length) {
                held = Arrays.copyOf(held, size * 2);
                samples.put(status, held);
            }
            held[size] = nanos;
            sizes.put(status, size + 1);
        }

        void addAll(Tally other) {
            other.samples.forEach((status, held) -> {
                for (int i = 0; i < other.sizes.get(status); i++) {
                    add(status, held[i]);
                }
            });
        }

        Result result(int clients, double seconds) {
            var statuses = new TreeMap<Integer, Long>();
            var latency = new TreeMap<Integer, Latency>();
            samples.forEach((status, held) -> {
                int size = sizes.get(status);
                statuses.put(status, (long) size);
                latency.put(status, Latency.ofNanos(Arrays.copyOf(held, size)));
            });
            return new Result(clients, seconds, statuses, latency);
        }
    }
}
