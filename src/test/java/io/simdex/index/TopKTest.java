package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

class TopKTest {

    private record Entry(int ordinal, float score) {
    }

    private static final Comparator<Entry> BEST_FIRST =
            Comparator.comparing(Entry::score, Comparator.reverseOrder()).thenComparingInt(Entry::ordinal);

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 2, 3, 7, 100, 999, 1000, 1500})
    void keeps_the_same_entries_as_a_full_sort_with_many_ties(int capacity) {
        // given: 1000 offers in shuffled ordinal order, drawn from only 20 distinct scores
        Random random = new Random(capacity);
        List<Integer> ordinals = new ArrayList<>(IntStream.range(0, 1000).boxed().toList());
        Collections.shuffle(ordinals, random);
        List<Entry> offered = ordinals.stream().map(o -> new Entry(o, random.nextInt(20) / 20f)).toList();
        TopK top = new TopK(capacity);

        // when
        offered.forEach(e -> top.offer(e.ordinal(), e.score()));

        // then
        List<Entry> expected = offered.stream().sorted(BEST_FIRST).limit(capacity).toList();
        assertThat(drain(top)).containsExactlyElementsOf(expected);
    }

    @Test
    void equal_scores_keep_the_lowest_ordinals_whatever_the_offer_order() {
        TopK top = new TopK(2);

        top.offer(5, 1f);
        top.offer(2, 1f);
        top.offer(9, 1f);
        top.offer(1, 1f);

        assertThat(drain(top)).containsExactly(new Entry(1, 1f), new Entry(2, 1f));
    }

    @Test
    void offer_reports_whether_the_entry_was_kept() {
        TopK top = new TopK(2);

        assertThat(top.offer(0, 0.1f)).isTrue();
        assertThat(top.offer(1, 0.5f)).isTrue();
        assertThat(top.offer(2, 0.05f)).as("worse than everything kept").isFalse();
        assertThat(top.offer(3, 0.1f)).as("ties the worst but has a higher ordinal").isFalse();
        assertThat(top.offer(4, 0.3f)).as("beats the worst").isTrue();
        assertThat(drain(top)).containsExactly(new Entry(1, 0.5f), new Entry(4, 0.3f));
    }

    @Test
    void draining_empties_the_heap_so_it_can_be_reused() {
        TopK top = new TopK(3);
        top.offer(0, 0.2f);
        top.offer(1, 0.9f);

        assertThat(drain(top)).containsExactly(new Entry(1, 0.9f), new Entry(0, 0.2f));
        assertThat(top.size()).isZero();

        top.offer(7, -0.5f);
        assertThat(drain(top)).containsExactly(new Entry(7, -0.5f));
    }

    @Test
    void drain_rejects_output_arrays_that_are_too_small() {
        TopK top = new TopK(3);
        top.offer(0, 0.2f);
        top.offer(1, 0.9f);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> top.drain(new int[1], new float[2]))
                .withMessageContaining("2 are needed");
    }

    @Test
    void capacity_must_be_at_least_one() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TopK(0))
                .withMessage("capacity must be >= 1 but was 0");
    }

    private static List<Entry> drain(TopK top) {
        int[] ordinals = new int[top.size()];
        float[] scores = new float[top.size()];
        int count = top.drain(ordinals, scores);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Entry(ordinals[i], scores[i]));
        }
        return out;
    }

    @Test
    void a_full_heap_reports_its_worst_score() {
        TopK top = new TopK(2);
        top.offer(0, 0.5f);
        assertThat(top.isFull()).isFalse();

        top.offer(1, 0.9f);
        top.offer(2, 0.7f);

        assertThat(top.isFull()).isTrue();
        assertThat(top.worstScore()).isEqualTo(0.7f);
    }
}
