package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void compaction_writes_a_new_spill_file_of_the_live_vectors_only() {
        // given: 5,000 vectors of 16 dimensions fill two mapped segments of 4,096
        Random random = new Random(17);
        FlatIndex index = flatIndex(16);
        for (int i = 0; i < 5_000; i++) {
            index.add("p" + i, Reference.randomVector(random, 16));
        }
        long twoSegments = index.stats().offHeapBytes();
        float[] kept = index.vector("p4999").orElseThrow();

        // when: the 1,251st removal passes a quarter of the stored vectors
        for (int i = 0; i < 1_251; i++) {
            index.remove("p" + i);
        }

        // then
        assertThat(index.compactions()).isEqualTo(1);
        assertThat(index.stats().offHeapBytes()).isEqualTo(twoSegments / 2);
        assertThat(index.vector("p4999")).hasValueSatisfying(v -> assertThat(v).containsExactly(kept));
        assertThat(index.search(SearchRequest.of(kept, 1))).extracting(Hit::id).containsExactly("p4999");
    }

    @Test
    void a_compaction_that_cannot_create_its_spill_file_leaves_the_removals_done_and_tries_again_later()
            throws IOException {
        // given: an index whose spill directory disappears (its file is already unlinked on Linux and macOS)
        Path directory = Files.createDirectory(spillDir.resolve("vanishing"));
        FlatIndex index = new FlatIndex(16, options().withSpillDir(directory), parallelThreshold(), 8);
        for (int i = 0; i < 20; i++) {
            index.add("p" + i, Reference.randomVector(new Random(i), 16));
        }
        try (Stream<Path> files = Files.list(directory)) {
            assumeTrue(files.findAny().isEmpty(), "the open spill file is unlinked");
        }
        Files.delete(directory);

        try {
            // when: the 8th removal would compact
            for (int i = 0; i < 8; i++) {
                assertThat(index.remove("p" + i)).isTrue();
            }

            // then
            assertThat(index.compactions()).isZero();
            assertThat(index.stats().removed()).isEqualTo(8);
            assertThat(index.size()).isEqualTo(12);
            assertThat(index.search(SearchRequest.of(Reference.randomVector(new Random(99), 16), 20)))
                    .extracting(Hit::id).hasSize(12).noneMatch(id -> Integer.parseInt(id.substring(1)) < 8);

            // and when the directory is back, 8 more removals compact
            Files.createDirectory(directory);
            for (int i = 8; i < 16; i++) {
                index.remove("p" + i);
            }
            assertThat(index.compactions()).isEqualTo(1);
            assertThat(index.stats().removed()).isZero();
            assertThat(index.search(SearchRequest.of(Reference.randomVector(new Random(99), 16), 20)))
                    .extracting(Hit::id).containsExactlyInAnyOrder("p16", "p17", "p18", "p19");
        } finally {
            index.close();
        }
    }

    @Test
    void a_missing_spill_directory_fails_construction_naming_it() {
        Path missing = spillDir.resolve("missing");

        assertThatThrownBy(() -> new FlatIndex(16, options().withSpillDir(missing)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }
}
