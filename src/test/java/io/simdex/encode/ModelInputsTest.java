package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

class ModelInputsTest {

    private static final long CLS = 101;
    private static final long SEP = 102;

    /** [CLS] 1000 1001 … [SEP] with {@code content} tokens between. */
    private static long[] text(int content) {
        long[] ids = new long[content + 2];
        ids[0] = CLS;
        for (int i = 0; i < content; i++) {
            ids[i + 1] = 1000 + i;
        }
        ids[content + 1] = SEP;
        return ids;
    }

    @Test
    void truncation_keeps_cls_the_first_tokens_and_sep_and_reports_the_full_length() {
        ModelInputs in = ModelInputs.truncated(List.of(text(3), text(20)), 8);
        assertThat(in.rows()).hasSize(2);
        assertThat(in.rows().get(0).ids()).containsExactly(CLS, 1000, 1001, 1002, SEP);
        assertThat(in.rows().get(1).ids()).containsExactly(CLS, 1000, 1001, 1002, 1003, 1004, 1005, SEP);
        assertThat(in.tokens()).containsExactly(5, 22);
        assertThat(in.tokensEmbedded()).containsExactly(5, 8);
        assertThat(in.owner()).containsExactly(0, 1);
    }

    @Test
    void chunking_covers_every_token_in_overlapping_windows_each_wrapped_in_cls_and_sep() {
        // max 8 → 6 content tokens a window; overlap 2 → a window every 4 tokens.
        ModelInputs in = ModelInputs.chunked(List.of(text(3), text(15)), 8, 2);
        assertThat(in.owner()).containsExactly(0, 1, 1, 1, 1);
        assertThat(in.rows().get(0).ids()).containsExactly(text(3));
        List<long[]> windows = new ArrayList<>();
        for (int r = 1; r < in.rows().size(); r++) {
            long[] ids = in.rows().get(r).ids();
            assertThat(ids.length).isLessThanOrEqualTo(8);
            assertThat(ids[0]).isEqualTo(CLS);
            assertThat(ids[ids.length - 1]).isEqualTo(SEP);
            windows.add(ids);
        }
        assertThat(windows.get(0)).containsExactly(CLS, 1000, 1001, 1002, 1003, 1004, 1005, SEP);
        assertThat(windows.get(1)).containsExactly(CLS, 1004, 1005, 1006, 1007, 1008, 1009, SEP);
        assertThat(windows.get(2)).containsExactly(CLS, 1008, 1009, 1010, 1011, 1012, 1013, SEP);
        assertThat(windows.get(3)).containsExactly(CLS, 1012, 1013, 1014, SEP);
        assertThat(in.weight()).containsExactly(5, 6, 6, 6, 3);
        assertThat(in.tokens()).containsExactly(5, 17);
        assertThat(in.tokensEmbedded()).containsExactly(5, 17);
    }

    @Test
    void a_text_that_ends_exactly_at_a_window_boundary_gets_no_empty_tail_window() {
        ModelInputs in = ModelInputs.chunked(List.of(text(10)), 8, 2); // windows [0,6) and [4,10)
        assertThat(in.rows()).hasSize(2);
        assertThat(in.rows().get(1).ids()).containsExactly(CLS, 1004, 1005, 1006, 1007, 1008, 1009, SEP);
    }

    @Test
    void every_content_token_of_a_long_text_lands_in_some_window() {
        for (int content = 1; content < 60; content++) {
            ModelInputs in = ModelInputs.chunked(List.of(text(content)), 10, 3);
            boolean[] seen = new boolean[content];
            for (TokenizedText row : in.rows()) {
                long[] ids = row.ids();
                for (int i = 1; i < ids.length - 1; i++) {
                    seen[(int) (ids[i] - 1000)] = true;
                }
            }
            assertThat(seen).as("content %d", content).doesNotContain(false);
        }
    }

    @Test
    void an_overlap_over_half_a_window_is_rejected() {
        assertThatThrownBy(() -> ModelInputs.chunked(List.of(text(20)), 8, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..3");
    }

    @Test
    void windows_combine_into_the_normalized_token_weighted_mean_and_single_rows_pass_through() {
        ModelInputs in = ModelInputs.chunked(List.of(text(3), text(9)), 8, 0); // text 1: windows of 6 and 3
        float[] single = {0.6f, 0.8f};
        float[][] combined = in.combine(new float[][] {single, {1f, 0f}, {0f, 1f}});
        assertThat(combined[0]).isSameAs(single);
        // (6·(1,0) + 3·(0,1)) / |…| = (2, 1) / √5
        assertThat(combined[1][0]).isCloseTo((float) (2 / Math.sqrt(5)), within(1e-6f));
        assertThat(combined[1][1]).isCloseTo((float) (1 / Math.sqrt(5)), within(1e-6f));
    }

    @Test
    void chunking_leaves_texts_that_fit_exactly_as_truncation_does() {
        List<long[]> ids = List.of(text(6), text(1), LongStream.of(CLS, SEP).toArray());
        ModelInputs chunked = ModelInputs.chunked(ids, 8, 3);
        ModelInputs truncated = ModelInputs.truncated(ids, 8);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(chunked.rows().get(i).ids()).containsExactly(truncated.rows().get(i).ids());
        }
    }
}
