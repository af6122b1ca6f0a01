package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.simdex.index.IndexOptions.Storage;
import io.simdex.kernels.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

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
    void vectors_just_above_the_ceiling_do_not_crowd_out_those_below_it() {
        // given: a hundred vectors scoring above the ceiling by less than the int8 error, then one below it
        Random random = new Random(9);
        FlatIndex index = flatIndex(16);
        float[] query = new float[16];
        Arrays.fill(query, 0.25f);
        for (int i = 0; i < 100; i++) {
            index.add("above" + i, atCosine(query, 0.9005 + 0.002 * random.nextDouble(), random));
        }
        index.add("below", atCosine(query, 0.85, random));

        // when
        List<Hit> hits = index.search(new SearchRequest(query, 1, Set.of(), -1f, 0.9f));

        // then
        assertThat(hits).extracting(Hit::id).containsExactly("below");
        assertThat(hits.get(0).score()).isCloseTo(0.85f, within(1e-5f));
    }

    /** A vector at cosine {@code cosine} to the unit vector {@code unit}, in a random direction around it. */
    private static float[] atCosine(float[] unit, double cosine, Random random) {
        double[] u = Reference.normalized(Reference.randomVector(random, unit.length));
        double along = 0;
        for (int i = 0; i < unit.length; i++) {
            along += u[i] * unit[i];
        }
        double[] across = new double[unit.length];
        for (int i = 0; i < unit.length; i++) {
            across[i] = u[i] - along * unit[i];
        }
        double norm = Math.sqrt(Reference.dot(across, across));
        float[] v = new float[unit.length];
        for (int i = 0; i < unit.length; i++) {
            v[i] = (float) (cosine * unit[i] + Math.sqrt(1 - cosine * cosine) * across[i] / norm);
        }
        return v;
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
