package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Spearman's correlation, checked against SciPy's {@code spearmanr} on the same numbers. */
class SpearmanTest {

    @Test
    void a_monotone_but_non_linear_relation_correlates_perfectly() {
        assertThat(Spearman.correlation(new double[] {1, 2, 3, 4}, new double[] {1, 8, 27, 64})).isEqualTo(1.0);
        assertThat(Spearman.correlation(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
    }

    @Test
    void ties_get_their_average_rank() {
        assertThat(Spearman.ranks(new double[] {10, 20, 20, 5})).containsExactly(2, 3.5, 3.5, 1);
        // scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 4, 4, 5]).statistic == 0.7631578947368421
        assertThat(Spearman.correlation(new double[] {1, 2, 2, 3, 5}, new double[] {2, 1, 4, 4, 5}))
                .isCloseTo(0.7631578947368421, within(1e-12));
    }
}
