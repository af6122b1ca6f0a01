package io.simdex.http;

/**
 * The encode gate's rule for a request that finds every encoding slot busy: it may wait only when the wait it
 * would have, estimated from the work already inside, fits its budget, and only while the line is shorter than
 * its hard cap. A pure function of the gate's state, so it is tested without clocks or threads.
 *
 * <p>The estimate: the requests waiting ahead each take their own expected service time, the running ones are
 * taken to be half done, and {@code concurrency} of them run at once, so the line drains at {@code concurrency}
 * times the rate of one. The budget is {@code api.max-queue-wait}, or with {@code auto} the request's own expected
 * service time: an admitted request then spends at most about as long waiting as encoding, which keeps its
 * latency within about twice an idle server's.
 *
 * @param concurrency    requests encoding at once ({@code api.max-concurrent-encodes})
 * @param maxQueued      the most that may wait, whatever the estimate ({@code api.max-queued-encodes})
 * @param maxWaitNanos   the budget for the estimated wait, or {@link #AUTO} for the request's own service time
 */
record AdmissionRule(int concurrency, int maxQueued, long maxWaitNanos) {

    /** {@link #maxWaitNanos()} for a budget of one expected service time of the request itself. */
    static final long AUTO = -1;

    AdmissionRule {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must be >= 0, got " + maxQueued);
        }
        if (maxWaitNanos < 0 && maxWaitNanos != AUTO) {
            throw new IllegalArgumentException("maxWaitNanos must be >= 0 or AUTO, got " + maxWaitNanos);
        }
    }

    /**
     * The work inside the gate when a request arrives.
     *
     * @param running            requests encoding now
     * @param waiting            requests admitted and waiting for a slot
     * @param runningWorkNanos   the expected service times of the running requests, summed
     * @param waitingWorkNanos   the expected service times of the waiting requests, summed
     */
    record Load(int running, int waiting, long runningWorkNanos, long waitingWorkNanos) {

        /** Nothing inside. */
        static final Load IDLE = new Load(0, 0, 0, 0);

        Load {
            if (running < 0 || waiting < 0 || runningWorkNanos < 0 || waitingWorkNanos < 0) {
                throw new IllegalArgumentException("a load is never negative: " + running + " running, " + waiting
                        + " waiting, work " + runningWorkNanos + " and " + waitingWorkNanos + " ns");
            }
        }
    }

    /** What the rule says about one request. */
    enum Outcome {
        /** A slot is free: run at once. */
        RUN,
        /** Wait for a slot: the estimated wait fits the budget and the line its cap. */
        WAIT,
        /** Refuse: {@code concurrency + maxQueued} are running or waiting already. */
        LINE_FULL,
        /** Refuse: the estimated wait is over the budget. */
        OVER_BUDGET
    }

    /**
     * The rule's answer.
     *
     * @param outcome             run, wait or why not
     * @param estimatedWaitNanos  the wait the request would have (0 when a slot is free)
     * @param budgetNanos         the budget it was held to
     * @param drainNanos          how long until the work inside now is done: a refused request's retry time
     */
    record Verdict(Outcome outcome, long estimatedWaitNanos, long budgetNanos, long drainNanos) {

        /** Whether the request is let in, to run or to wait. */
        boolean admitted() {
            return outcome == Outcome.RUN || outcome == Outcome.WAIT;
        }
    }

    /**
     * Judges a request expected to take {@code serviceNanos} once it runs, arriving at {@code load}.
     *
     * @param serviceNanos the request's expected service time, > 0: its route's moving average
     */
    Verdict judge(Load load, long serviceNanos) {
        if (serviceNanos <= 0) {
            throw new IllegalArgumentException("the expected service time must be > 0 ns, got " + serviceNanos);
        }
        long budget = maxWaitNanos == AUTO ? serviceNanos : maxWaitNanos;
        long drain = (load.runningWorkNanos() + load.waitingWorkNanos()) / concurrency;
        if (load.running() < concurrency && load.waiting() == 0) {
            return new Verdict(Outcome.RUN, 0, budget, drain);
        }
        long wait = (load.waitingWorkNanos() + load.runningWorkNanos() / 2) / concurrency;
        // counted with the running ones, so that one finishing while the next has not yet taken its slot does not
        // make the line look longer than it is
        if (load.running() + load.waiting() >= concurrency + maxQueued) {
            return new Verdict(Outcome.LINE_FULL, wait, budget, drain);
        }
        return new Verdict(wait <= budget ? Outcome.WAIT : Outcome.OVER_BUDGET, wait, budget, drain);
    }
}
