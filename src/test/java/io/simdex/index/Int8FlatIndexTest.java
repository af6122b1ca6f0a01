package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simdex.index.IndexOptions.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@link FlatIndexTest} again with int8 storage and exact rescoring, on two threads from 500 vectors. On
 * these small indexes the candidates cover every vector that can reach the top k, so results match the exact
 * reference.
 */
class Int8FlatIndexTest extends FlatIndexTest {

    @Override
    IndexOptions options() {
        return super.options().withStorage(Storage.INT8).withThreads(2);
    }

    @Override
    int parallelThreshold() {
        return 500;
    }

    @Test
    void the_float_vectors_live_in_the_spill_directory_until_close() throws IOException {
        FlatIndex index = flatIndex(16);
        index.add("p", Reference.randomVector(new Random(1), 16));
        assertThat(index.stats().offHeapBytes()).isPositive();

        index.close();

        try (Stream<Path> left = Files.list(spillDir)) {
            assertThat(left).isEmpty();
        }
        assertThat(index.stats().offHeapBytes()).isZero();
    }

    @Test
    void a_missing_spill_directory_fails_construction_naming_it() {
        Path missing = spillDir.resolve("missing");

        assertThatThrownBy(() -> new FlatIndex(16, options().withSpillDir(missing)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }
}
