package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.kernels.Reference;
import io.simdex.kernels.VectorMath;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Both stores: vectors read back, exact scores, and int8 scores within the promised slack. */
class VectorStoreTest {

    private static final int DIMENSION = 19;
    private static final int SIZE = 4096 + 100;

    @TempDir
    Path spillDir;

    private VectorStore store;

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32", "int8"})
    void a_store_scores_every_vector_like_the_scan_order_dot_and_reads_vectors_back(String kind) {
        // given: more than one segment, the last one partly filled
        SegmentLayout layout = SegmentLayout.forDimension(DIMENSION);
        store = kind.equals("int8") ? new Int8Store(layout, spillDir) : new Float32Store(layout);
        Random random = new Random(kind.hashCode());
        float[][] units = new float[SIZE][];
        for (int i = 0; i < SIZE; i++) {
            units[i] = Reference.randomVector(random, DIMENSION);
            VectorMath.normalizeInPlace(units[i]);
            store.append(units[i]);
        }
        float[] query = Reference.randomVector(random, DIMENSION);
        VectorMath.normalizeInPlace(query);
        float slack = store.slack(query);

        // then
        int width = layout.groupWidth();
        float[] scores = new float[layout.vectorsPerSegment()];
        float[] scratch = new float[DIMENSION];
        for (int from : List.of(0, 4096)) {
            int count = Math.min(layout.vectorsPerSegment(), SIZE - from);
            store.score(query, from, (count + width - 1) / width, scores);
            for (int j = 0; j < count; j++) {
                int ordinal = from + j;
                float exact = VectorMath.dotInScanOrder(query, units[ordinal]);
                assertThat(store.exactScore(query, ordinal, scratch)).isEqualTo(exact);
                if (store.exact()) {
                    assertThat(scores[j]).as("ordinal %d", ordinal).isEqualTo(exact);
                } else {
                    assertThat(scores[j]).as("ordinal %d", ordinal).isCloseTo(exact, within(slack));
                }
                store.read(ordinal, scratch);
                assertThat(scratch).as("ordinal %d", ordinal).containsExactly(units[ordinal]);
            }
        }
        assertThat(store.exact()).isEqualTo(kind.equals("float32"));
        if (store.exact()) {
            assertThat(slack).isZero();
        } else {
            assertThat(slack).isStrictlyBetween(0f, 0.1f);
        }
    }
}
