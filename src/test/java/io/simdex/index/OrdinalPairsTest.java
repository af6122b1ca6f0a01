package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

class OrdinalPairsTest {

    private record Pair(int first, int second, float score) {
    }

    private static List<Pair> toList(OrdinalPairs pairs) {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            out.add(new Pair(pairs.first(i), pairs.second(i), pairs.score(i)));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} pairs")
    @ValueSource(ints = {0, 1, 2, 17, 1_000, 50_000})
    void sorted_orders_by_score_descending_then_first_then_second_like_a_comparator_sort(int count) {
        // given: few distinct scores, so ties abound, spread over three parts with ordinals in no order
        Random random = new Random(count);
        float[] scoreValues = {1.0000001f, 1f, 0.5f, 0f, -0f, -0.25f, -1f, 0.3f, Float.MIN_VALUE, -Float.MIN_VALUE};
        List<OrdinalPairs> parts = List.of(new OrdinalPairs(), new OrdinalPairs(), new OrdinalPairs());
        List<Pair> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int first = random.nextInt(1_000);
            int second = first + 1 + random.nextInt(Integer.MAX_VALUE - 8 - first - 1);
            float score = scoreValues[random.nextInt(scoreValues.length)];
            parts.get(random.nextInt(3)).add(first, second, score);
            all.add(new Pair(first, second, score == 0f ? 0f : score));
        }

        // when
        OrdinalPairs sorted = OrdinalPairs.sorted(parts);

        // then
        all.sort(Comparator.comparingDouble(Pair::score).reversed()
                .thenComparingInt(Pair::first).thenComparingInt(Pair::second));
        assertThat(toList(sorted)).isEqualTo(all);
    }

    @Test
    void minus_zero_is_kept_as_zero_so_it_ties_with_zero() {
        OrdinalPairs pairs = new OrdinalPairs();
        pairs.add(5, 6, 0f);
        pairs.add(1, 2, -0f);

        OrdinalPairs sorted = OrdinalPairs.sorted(List.of(pairs));

        assertThat(toList(sorted)).containsExactly(new Pair(1, 2, 0f), new Pair(5, 6, 0f));
        assertThat(Float.floatToRawIntBits(sorted.score(0))).isZero();
    }
}
