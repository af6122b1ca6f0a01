package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class HitTest {

    @Test
    void a_hit_holds_its_id_and_score() {
        Hit hit = new Hit("p1", 0.25f);

        assertThat(hit.id()).isEqualTo("p1");
        assertThat(hit.score()).isEqualTo(0.25f);
    }

    @Test
    void a_hit_needs_an_id_and_a_numeric_score() {
        assertThatNullPointerException().isThrownBy(() -> new Hit(null, 0.5f)).withMessage("id");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Hit("p1", Float.NaN))
                .withMessage("score of hit 'p1' is NaN; it must be a number");
    }
}
