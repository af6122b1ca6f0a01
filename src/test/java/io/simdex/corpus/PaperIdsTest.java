package io.simdex.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

class PaperIdsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Adam: A Method for Stochastic Optimization|adam-a-method-for-stochastic-optimization",
            "Unpaired Image-to-Image Translation via Neural Schrödinger Bridge|unpaired-image-to-image-translation-via-neural-schrodinger-bridge",
            "φ-Decoding: Adaptive Foresight Sampling|decoding-adaptive-foresight-sampling",
            "--Hello,   World!--|hello-world",
            "Ｆｕｌｌｗｉｄｔｈ ﬁne-tuning Ⅳ|fullwidth-fine-tuning-iv",
            "Crème Brûlée über Façade|creme-brulee-uber-facade"})
    void slugs_a_title_to_lower_case_ascii_with_single_dashes(String title, String slug) {
        assertThat(PaperIds.slug(title)).isEqualTo(slug);
    }

    @Test
    void cuts_a_long_slug_at_a_dash_boundary_within_80_characters() {
        String title = "Advances in Feed-Forward 3D Reconstruction and View Synthesis: A Survey of Methods, "
                + "Datasets and Open Problems";

        String slug = PaperIds.slug(title);

        assertThat(slug).isEqualTo("advances-in-feed-forward-3d-reconstruction-and-view-synthesis-a-survey-of");
        assertThat(slug.length()).isLessThanOrEqualTo(PaperIds.MAX_SLUG_CHARS);
    }

    @Test
    void keeps_exactly_80_characters_when_the_cut_falls_on_a_dash() {
        String title = "a".repeat(80) + " tail";

        assertThat(PaperIds.slug(title)).isEqualTo("a".repeat(80));
    }

    @Test
    void cuts_a_long_slug_without_any_dash_at_80_characters() {
        assertThat(PaperIds.slug("x".repeat(200))).isEqualTo("x".repeat(80));
    }

    @Test
    void gives_a_title_with_an_empty_slug_a_hash_id() throws Exception {
        String title = "深度学习的注意力机制";

        assertThat(PaperIds.slug(title)).isEqualTo("paper-" + sha256(title).substring(0, 10));
    }

    @Test
    void rejects_a_blank_title() {
        assertThatThrownBy(() -> PaperIds.slug("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank title");
    }

    @Test
    void resolves_slug_collisions_by_the_exact_title_order_whatever_the_input_order() throws Exception {
        // given three titles with the slug "deep-learning"; by exact string "Deep Learning" sorts first
        List<String> titles = new ArrayList<>(List.of("deep learning!", "Deep-Learning", "Deep Learning", "Other"));

        // when
        Map<String, String> ids = PaperIds.assign(titles);

        // then
        assertThat(ids).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Deep Learning", "deep-learning",
                "Deep-Learning", "deep-learning-" + sha256("Deep-Learning").substring(0, 6),
                "deep learning!", "deep-learning-" + sha256("deep learning!").substring(0, 6),
                "Other", "other"));
        Random random = new Random(7);
        for (int round = 0; round < 10; round++) {
            Collections.shuffle(titles, random);
            assertThat(PaperIds.assign(titles)).isEqualTo(ids);
        }
    }

    @Test
    void never_hands_out_a_reserved_id() throws Exception {
        Map<String, String> ids = PaperIds.assign(List.of("Deep Learning"), Set.of("deep-learning"));

        assertThat(ids).containsEntry("Deep Learning", "deep-learning-" + sha256("Deep Learning").substring(0, 6));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
