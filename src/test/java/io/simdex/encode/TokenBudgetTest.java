package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;

/** Packing texts into model calls by padded tokens, checked against batches worked out by hand. */
class TokenBudgetTest {

    @Test
    void texts_are_packed_longest_first_while_rows_times_the_longest_fit_the_budget() {
        int[] lengths = {10, 300, 120, 280, 30, 300};
        // sorted: #1 300, #5 300, #3 280, #2 120, #4 30, #0 10
        // [#1 #5]: 2 × 300 = 600; a third row would pad to 900
        // [#3 #2]: 2 × 280 = 560; with #4 it would be 840
        // [#4 #0]: 2 × 30 = 60
        assertThat(TokenBudget.batches(lengths, 600))
                .containsExactly(new int[] {1, 5}, new int[] {3, 2}, new int[] {4, 0});
    }

    @Test
    void a_budget_fitting_everything_is_one_batch_and_ties_keep_input_order() {
        assertThat(TokenBudget.batches(new int[] {200, 200, 200}, 600)).containsExactly(new int[] {0, 1, 2});
        assertThat(TokenBudget.batches(new int[] {200, 200, 200}, 599))
                .containsExactly(new int[] {0, 1}, new int[] {2});
    }

    @Test
    void a_text_longer_than_the_budget_is_a_batch_of_its_own() {
        assertThat(TokenBudget.batches(new int[] {5, 700, 6}, 600))
                .containsExactly(new int[] {1}, new int[] {2, 0});
    }

    @Test
    void short_texts_fill_a_batch_with_many_rows() {
        int[] titles = new int[100];
        java.util.Arrays.fill(titles, 20);
        List<int[]> batches = TokenBudget.batches(titles, 2048);
        // 2048 / 20 = 102 rows fit, so all 100 titles are one call
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(100);
    }

    @Test
    void no_texts_no_batches_and_a_budget_must_be_positive() {
        assertThat(TokenBudget.batches(new int[0], 2048)).isEmpty();
        assertThatThrownBy(() -> TokenBudget.batches(new int[] {3}, 0))
                .hasMessage("budget must be >= 1 but was 0");
    }
}
