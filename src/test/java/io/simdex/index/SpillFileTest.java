package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.kernels.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

class SpillFileTest {

    @TempDir
    Path dir;

    @Test
    void vectors_read_back_exactly_across_segments_and_the_mapping_grows_a_segment_at_a_time() {
        SegmentLayout layout = new SegmentLayout(5, 16, 8);
        Random random = new Random(1);
        float[][] vectors = new float[40][];
        try (SpillFile file = new SpillFile(layout, dir)) {
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = Reference.randomVector(random, 5);
                file.write(i, vectors[i]);
            }

            for (int i = 0; i < vectors.length; i++) {
                float[] out = new float[5];
                file.read(i, out);
                assertThat(out).as("vector %d", i).containsExactly(vectors[i]);
            }
            assertThat(file.mappedBytes()).isEqualTo(3 * 16 * 5 * Float.BYTES);
        }
    }

    @Test
    void nothing_is_left_in_the_spill_directory_after_close() throws IOException {
        SpillFile file = new SpillFile(new SegmentLayout(4, 16, 8), dir);
        file.write(0, new float[] {1, 2, 3, 4});

        file.close();

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void a_missing_directory_is_reported_with_its_path() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> new SpillFile(new SegmentLayout(4, 16, 8), missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void a_segment_larger_than_one_gibibyte_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SpillFile(SegmentLayout.forDimension(1 << 25, 8), dir))
                .withMessageContaining("dimension 33554432");
    }
}
