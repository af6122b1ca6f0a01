package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/** The HTTP suite's repeated-query mix: popularity falls as 1 / r^s. */
class ZipfQueriesTest {

    private final List<String> queries = IntStream.rangeClosed(1, 100).mapToObj(i -> "q" + i).toList();

    @Test
    void the_query_of_rank_r_is_drawn_about_1_over_r_to_the_s_as_often_as_the_first() {
        Map<String, Integer> counts = draws(new ZipfQueries(queries, 1.0), 200_000);

        double first = counts.get("q1");
        assertThat(counts.get("q2") / first).isCloseTo(0.5, within(0.03));
        assertThat(counts.get("q10") / first).isCloseTo(0.1, within(0.02));
        assertThat(counts).containsKey("q100").hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void exponent_zero_draws_every_query_alike() {
        Map<String, Integer> counts = draws(new ZipfQueries(queries, 0), 100_000);

        assertThat(counts).hasSize(100);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
    }

    private static Map<String, Integer> draws(ZipfQueries mix, int times) {
        var random = new Random(42);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < times; i++) {
            counts.merge(mix.draw(random), 1, Integer::sum);
        }
        return counts;
    }
}
