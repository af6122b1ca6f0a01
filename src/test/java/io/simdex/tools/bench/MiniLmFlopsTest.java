package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MiniLmFlopsTest {

    @Test
    void projections_and_feed_forward_cost_the_same_for_every_token() {
        // 2·(4·384² + 2·384·1536) = 2·(589,824 + 1,179,648)
        double matmuls = 3_538_944;

        assertThat(MiniLmFlops.perTokenPerLayer(1)).isEqualTo(matmuls + 4 * 384);
        assertThat(MiniLmFlops.perTokenPerLayer(128)).isEqualTo(matmuls + 4 * 128 * 384);
    }

    @Test
    void one_text_of_128_tokens_is_about_2_9_gflop() {
        // 6 layers · 128 tokens · (3,538,944 + 196,608)
        assertThat(MiniLmFlops.forText(128)).isEqualTo(2_868_903_936d);
    }

    @Test
    void attention_makes_longer_texts_cost_more_per_token() {
        double per128 = MiniLmFlops.forText(128) / 128;
        double per256 = MiniLmFlops.forText(256) / 256;

        assertThat(per256).isGreaterThan(per128);
        assertThat(per128 / 1e6).isBetween(22.0, 23.0);
    }

    @Test
    void the_printed_formula_names_the_shape() {
        assertThat(MiniLmFlops.FORMULA).contains("L=6", "h=384", "f=1536", "4·h²", "2·h·f", "2·2·t·h");
    }

    @Test
    void a_text_has_at_least_one_token() {
        assertThatThrownBy(() -> MiniLmFlops.forText(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
