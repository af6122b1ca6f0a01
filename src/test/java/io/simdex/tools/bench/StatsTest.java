package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void median_of_an_odd_count_is_the_middle_sample() {
        Stats s = Stats.ofMillis(new double[] {5, 1, 3});

        assertThat(s.medianMs()).isEqualTo(3);
        assertThat(s.minMs()).isEqualTo(1);
        assertThat(s.meanMs()).isEqualTo(3);
        assertThat(s.samples()).isEqualTo(3);
    }

    @Test
    void median_of_an_even_count_is_the_mean_of_the_two_middle_samples() {
        assertThat(Stats.ofMillis(new double[] {4, 1, 3, 2}).medianMs()).isEqualTo(2.5);
    }

    @Test
    void p90_is_the_nearest_rank_sample() {
        double[] tenSamples = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        double[] elevenSamples = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};

        assertThat(Stats.ofMillis(tenSamples).p90Ms()).isEqualTo(9);     // ceil(9.0) = 9th smallest
        assertThat(Stats.ofMillis(elevenSamples).p90Ms()).isEqualTo(10); // ceil(9.9) = 10th smallest
        assertThat(Stats.ofMillis(new double[] {1, 2, 3}).p90Ms()).isEqualTo(3);
        assertThat(Stats.ofMillis(new double[] {7}).p90Ms()).isEqualTo(7);
    }

    @Test
    void nanoseconds_become_milliseconds() {
        Stats s = Stats.ofNanos(new long[] {1_500_000, 2_500_000});

        assertThat(s.medianMs()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void a_batch_divides_into_time_per_query() {
        Stats perQuery = Stats.ofMillis(new double[] {64, 128}).dividedBy(64);

        assertThat(perQuery.medianMs()).isEqualTo(1.5);
        assertThat(perQuery.p90Ms()).isEqualTo(2);
        assertThat(perQuery.samples()).isEqualTo(2);
    }

    @Test
    void no_samples_is_an_error() {
        assertThatThrownBy(() -> Stats.ofMillis(new double[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no samples");
        assertThatThrownBy(() -> Stats.ofMillis(new double[] {-1})).isInstanceOf(IllegalArgumentException.class);
    }
}
