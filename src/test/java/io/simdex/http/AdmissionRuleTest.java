package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.simdex.http.AdmissionRule.Load;
import io.simdex.http.AdmissionRule.Outcome;

/** The encode gate's admission rule, on given loads and service times: no clock, no threads. */
class AdmissionRuleTest {

    private static final long MS = 1_000_000;

    @Test
    void a_request_runs_at_once_while_a_slot_is_free_and_nobody_waits() {
        var rule = new AdmissionRule(2, 4, AdmissionRule.AUTO);

        var verdict = rule.judge(new Load(1, 0, 10 * MS, 0), 10 * MS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.RUN);
        assertThat(verdict.estimatedWaitNanos()).isZero();
        assertThat(rule.judge(Load.IDLE, 10 * MS).outcome()).isEqualTo(Outcome.RUN);
    }

    @Test
    void with_the_auto_budget_a_request_waits_only_as_long_as_it_takes_to_run() {
        // two slots, each request 10 ms: the running pair is taken as half done
        var rule = new AdmissionRule(2, 4, AdmissionRule.AUTO);

        var first = rule.judge(new Load(2, 0, 20 * MS, 0), 10 * MS);
        var second = rule.judge(new Load(2, 1, 20 * MS, 10 * MS), 10 * MS);
        var third = rule.judge(new Load(2, 2, 20 * MS, 20 * MS), 10 * MS);

        assertThat(first.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(first.estimatedWaitNanos()).isEqualTo(5 * MS);
        assertThat(second.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(second.estimatedWaitNanos()).isEqualTo(10 * MS);
        assertThat(third.outcome()).as("15 ms of wait for 10 ms of work").isEqualTo(Outcome.OVER_BUDGET);
        assertThat(third.estimatedWaitNanos()).isEqualTo(15 * MS);
        assertThat(third.budgetNanos()).isEqualTo(10 * MS);
    }

    @Test
    void the_estimate_adds_up_the_costs_of_the_requests_ahead_not_their_count() {
        // one slot; a 400 ms bulk write waiting ahead of a 10 ms search
        var rule = new AdmissionRule(1, 4, AdmissionRule.AUTO);

        var behindBulk = rule.judge(new Load(1, 1, 10 * MS, 400 * MS), 10 * MS);
        var behindSearch = rule.judge(new Load(1, 1, 10 * MS, 10 * MS), 400 * MS);

        assertThat(behindBulk.outcome()).isEqualTo(Outcome.OVER_BUDGET);
        assertThat(behindBulk.estimatedWaitNanos()).isEqualTo(405 * MS);
        assertThat(behindSearch.outcome()).as("a long request may wait for short ones").isEqualTo(Outcome.WAIT);
    }

    @Test
    void a_fixed_budget_holds_whatever_the_request_costs() {
        var rule = new AdmissionRule(2, 100, 30 * MS);

        assertThat(rule.judge(new Load(2, 3, 20 * MS, 30 * MS), 1 * MS).outcome()).isEqualTo(Outcome.WAIT);
        assertThat(rule.judge(new Load(2, 6, 20 * MS, 60 * MS), 1000 * MS).outcome())
                .isEqualTo(Outcome.OVER_BUDGET);
        assertThat(new AdmissionRule(1, 4, 0).judge(new Load(1, 0, 2, 0), MS).outcome())
                .as("a zero budget lets nobody wait").isEqualTo(Outcome.OVER_BUDGET);
    }

    @Test
    void the_line_is_capped_however_short_the_estimate() {
        var rule = new AdmissionRule(2, 2, 1000 * MS);

        var verdict = rule.judge(new Load(2, 2, 2 * MS, 2 * MS), MS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.LINE_FULL);
        assertThat(verdict.admitted()).isFalse();
        assertThat(new AdmissionRule(1, 0, AdmissionRule.AUTO).judge(new Load(1, 0, MS, 0), 1000 * MS).outcome())
                .isEqualTo(Outcome.LINE_FULL);
    }

    @Test
    void a_slot_just_freed_counts_though_its_next_request_has_not_taken_it_yet() {
        // four waiting, but one of the two slots was just given back and its waiter has not woken yet
        var rule = new AdmissionRule(2, 4, 1000 * MS);

        var verdict = rule.judge(new Load(1, 4, 10 * MS, 40 * MS), 10 * MS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(rule.judge(new Load(2, 4, 20 * MS, 40 * MS), 10 * MS).outcome()).isEqualTo(Outcome.LINE_FULL);
    }

    @Test
    void the_drain_time_is_all_the_work_inside_over_the_slots() {
        var rule = new AdmissionRule(2, 1, AdmissionRule.AUTO);

        var verdict = rule.judge(new Load(2, 1, 3000 * MS, 1000 * MS), 10 * MS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.LINE_FULL);
        assertThat(verdict.drainNanos()).isEqualTo(2000 * MS);
    }

    @Test
    void nonsense_is_refused() {
        assertThatThrownBy(() -> new AdmissionRule(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRule(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRule(1, 1, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRule(1, 1, 0).judge(Load.IDLE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Load(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_service_time_follows_the_requests_it_is_told_of() {
        var time = new ServiceTime();
        assertThat(time.averageNanos()).isEqualTo(ServiceTime.INITIAL_NANOS);

        for (int i = 0; i < 100; i++) {
            time.record(8 * MS);
        }

        assertThat(time.averageNanos()).isBetween(8 * MS, 8 * MS + MS / 10);
        time.record(0);
        assertThat(time.averageNanos()).isPositive().isLessThan(8 * MS);
    }
}
