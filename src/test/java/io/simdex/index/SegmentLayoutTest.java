package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SegmentLayoutTest {

    @Test
    void sentence_embeddings_get_segments_of_4096_vectors() {
        SegmentLayout layout = SegmentLayout.forDimension(384, 8);

        assertThat(layout.vectorsPerSegment()).isEqualTo(4096);
        assertThat(layout.segmentLength()).isEqualTo(4096 * 384);
    }

    @Test
    void wide_vectors_get_fewer_per_segment_but_never_fewer_than_sixteen() {
        assertThat(SegmentLayout.forDimension(1536, 8).vectorsPerSegment()).isEqualTo(2048);
        assertThat(SegmentLayout.forDimension(1 << 20, 8).vectorsPerSegment()).isEqualTo(16);
        assertThat(SegmentLayout.forDimension(SegmentLayout.MAX_DIMENSION, 8).vectorsPerSegment()).isEqualTo(16);
    }

    @Test
    void an_ordinal_maps_to_its_segment_group_lane_and_row() {
        SegmentLayout layout = SegmentLayout.forDimension(10, 8);
        int ordinal = 4096 * 2 + 8 * 3 + 5;

        assertThat(layout.segment(ordinal)).isEqualTo(2);
        assertThat(layout.indexInSegment(ordinal)).isEqualTo(29);
        assertThat(layout.groupOffset(ordinal)).isEqualTo(24 * 10);
        assertThat(layout.lane(ordinal)).isEqualTo(5);
        assertThat(layout.rowOffset(ordinal)).isEqualTo(290);
        assertThat(layout.nextSegmentStart(ordinal)).isEqualTo(3 * 4096L);
    }

    @Test
    void the_segment_after_the_last_ordinal_starts_beyond_int_range_without_overflow() {
        SegmentLayout layout = SegmentLayout.forDimension(384, 8);

        assertThat(layout.nextSegmentStart(Integer.MAX_VALUE - 8)).isEqualTo(1L << 31);
    }

    @Test
    void the_last_segment_doubles_from_sixteen_vectors_up_to_a_full_segment() {
        SegmentLayout layout = SegmentLayout.forDimension(384, 8);

        assertThat(layout.grownCapacity(0)).isEqualTo(16);
        assertThat(layout.grownCapacity(16)).isEqualTo(32);
        assertThat(layout.grownCapacity(2048)).isEqualTo(4096);
        assertThat(layout.grownCapacity(4000)).isEqualTo(4096);
    }

    @Test
    void invalid_layouts_are_rejected_with_the_allowed_range() {
        assertThatIllegalArgumentException().isThrownBy(() -> SegmentLayout.forDimension(0, 8))
                .withMessage("dimension must be in [1, " + SegmentLayout.MAX_DIMENSION + "] but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new SegmentLayout(4, 4096, 3))
                .withMessageContaining("groupWidth must be a power of two");
        assertThatIllegalArgumentException().isThrownBy(() -> new SegmentLayout(4, 8, 8))
                .withMessageContaining("vectorsPerSegment must be a power of two >= 16");
    }
}
