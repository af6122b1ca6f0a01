package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

class SamplerTest {

    @Test
    void stops_at_the_iteration_count() throws Exception {
        var runs = new AtomicInteger();

        Stats s = Sampler.time(new Sampler.Budget(2, 7, Duration.ofMillis(30)), runs::incrementAndGet);

        assertThat(s.samples()).isEqualTo(7);
        assertThat(runs.get()).isGreaterThanOrEqualTo(9); // warm-up runs on for a third of the budget
    }

    @Test
    void takes_three_samples_even_when_one_run_exceeds_the_time_budget() throws Exception {
        Stats s = Sampler.time(new Sampler.Budget(0, 50, Duration.ofMillis(1)), () -> Thread.sleep(3));

        assertThat(s.samples()).isEqualTo(3);
        assertThat(s.minMs()).isGreaterThanOrEqualTo(2.5);
    }

    @Test
    void no_warm_up_when_none_is_asked_for() throws Exception {
        var runs = new AtomicInteger();

        Sampler.time(new Sampler.Budget(0, 1, Duration.ofSeconds(1)), runs::incrementAndGet);

        assertThat(runs.get()).isEqualTo(1);
    }
}
