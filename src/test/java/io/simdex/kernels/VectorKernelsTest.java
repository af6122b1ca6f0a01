package io.simdex.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Both kernel implementations against a double-precision reference, called directly (Surefire runs with
 * {@code --add-modules jdk.incubator.vector}, so {@link PanamaKernels} loads here whatever the JVM chose).
 */
class VectorKernelsTest {

    private static final int[] LENGTHS = {1, 3, 7, 8, 15, 16, 17, 33, 384, 385};

    static List<VectorKernels> implementations() {
        return List.of(new ScalarKernels(), KernelSelector.loadPanama(), new ScalarKernels(4));
    }

    static Stream<Arguments> kernelsAndLengths() {
        List<Arguments> cases = new ArrayList<>();
        for (VectorKernels kernels : implementations()) {
            for (int length : LENGTHS) {
                cases.add(Arguments.of(kernels, length));
            }
        }
        return cases.stream();
    }

    /** Absolute error allowed on a dot product of terms of magnitude at most 2.25; grows with the length. */
    private static double tolerance(int length) {
        return 1e-5 * length;
    }

    @ParameterizedTest(name = "{0}, length {1}")
    @MethodSource("kernelsAndLengths")
    void dot_matches_the_reference_at_odd_lengths_and_offsets(VectorKernels kernels, int length) {
        Random random = new Random(length);
        float[] a = padded(Reference.randomVectorAwayFromZero(random, length), 3, 5);
        float[] b = padded(Reference.randomVectorAwayFromZero(random, length), 6, 2);

        float dot = kernels.dot(a, 3, b, 6, length);

        assertThat((double) dot).isCloseTo(Reference.dot(a, 3, b, 6, length), within(tolerance(length)));
    }

    @ParameterizedTest(name = "{0}, length {1}")
    @MethodSource("kernelsAndLengths")
    void sum_reads_exactly_the_range_and_matches_the_reference(VectorKernels kernels, int length) {
        // given: the range sits between values that must not be read
        Random random = new Random(50 + length);
        float[] a = padded(Reference.randomVectorAwayFromZero(random, length), 3, 5);
        java.util.Arrays.fill(a, 0, 3, 1e6f);
        java.util.Arrays.fill(a, 3 + length, a.length, -1e6f);
        double expected = 0;
        for (int i = 3; i < 3 + length; i++) {
            expected += a[i];
        }

        float sum = kernels.sum(a, 3, 3 + length);

        assertThat((double) sum).isCloseTo(expected, within(tolerance(length)));
    }

    @ParameterizedTest(name = "{0}, length {1}")
    @MethodSource("kernelsAndLengths")
    void dot_in_scan_order_matches_the_reference(VectorKernels kernels, int length) {
        Random random = new Random(100 + length);
        float[] query = Reference.randomVectorAwayFromZero(random, length);
        float[] v = padded(Reference.randomVectorAwayFromZero(random, length), 4, 0);

        float dot = kernels.dotInScanOrder(query, v, 4);

        assertThat((double) dot).isCloseTo(Reference.dot(query, 0, v, 4, length), within(tolerance(length)));
    }

    @ParameterizedTest(name = "{0}, dimension {1}")
    @MethodSource("kernelsAndLengths")
    void scanning_packed_groups_gives_the_reference_scores_and_exactly_the_scan_order_dot(VectorKernels kernels,
            int dimension) {
        // given: 7 groups packed after a leading group that must not be read
        Random random = new Random(200 + dimension);
        int width = kernels.groupWidth();
        int groups = 7;
        float[][] vectors = randomVectors(random, groups * width, dimension);
        float[] packed = pack(vectors, width, 1);
        float[] query = Reference.randomVectorAwayFromZero(random, dimension);
        float[] scores = new float[groups * width];

        // when
        kernels.scoreGroups(query, packed, width * dimension, groups, scores);

        // then
        for (int j = 0; j < vectors.length; j++) {
            assertThat((double) scores[j]).as("vector %d", j)
                    .isCloseTo(Reference.dot(query, 0, vectors[j], 0, dimension), within(tolerance(dimension)));
            assertThat(scores[j]).as("vector %d, bit for bit", j)
                    .isEqualTo(kernels.dotInScanOrder(query, vectors[j], 0));
        }
    }

    @ParameterizedTest(name = "{0}, dimension {1}")
    @MethodSource("kernelsAndLengths")
    void a_batch_scores_bit_for_bit_like_one_query_at_a_time(VectorKernels kernels, int dimension) {
        Random random = new Random(300 + dimension);
        int width = kernels.groupWidth();
        for (int queryCount : new int[] {1, 5, 6, 7, 13}) {
            for (int groups : new int[] {1, 2, 5}) {
                float[] packed = pack(randomVectors(random, groups * width, dimension), width, 0);
                float[][] queries = randomVectors(random, queryCount, dimension);
                float[] batch = new float[queryCount * groups * width];

                kernels.scoreGroupsBatch(queries, packed, 0, groups, batch);

                for (int q = 0; q < queryCount; q++) {
                    float[] one = new float[groups * width];
                    kernels.scoreGroups(queries[q], packed, 0, groups, one);
                    assertThat(slice(batch, q * groups * width, groups * width))
                            .as("%d queries, %d groups, query %d", queryCount, groups, q).containsExactly(one);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, dimension {1}")
    @MethodSource("kernelsAndLengths")
    void int8_scans_give_the_reference_and_batches_agree_bit_for_bit(VectorKernels kernels, int dimension) {
        // given
        Random random = new Random(400 + dimension);
        int width = kernels.groupWidth();
        int groups = 3;
        byte[] codes = new byte[(groups + 1) * width * dimension];
        random.nextBytes(codes);
        int offset = width * dimension;
        float[][] queries = randomVectors(random, 8, dimension);

        // when
        float[] one = new float[groups * width];
        kernels.scoreInt8Groups(queries[0], codes, offset, groups, one);
        float[] batch = new float[queries.length * groups * width];
        kernels.scoreInt8GroupsBatch(queries, codes, offset, groups, new float[groups * width * dimension], batch);

        // then
        for (int j = 0; j < groups * width; j++) {
            double expected = 0;
            int group = offset + j / width * width * dimension;
            for (int d = 0; d < dimension; d++) {
                expected += (double) queries[0][d] * codes[group + d * width + j % width];
            }
            assertThat((double) one[j]).as("vector %d", j).isCloseTo(expected, within(127 * tolerance(dimension)));
        }
        assertThat(slice(batch, 0, groups * width)).containsExactly(one);
        for (int q = 1; q < queries.length; q++) {
            float[] single = new float[groups * width];
            kernels.scoreInt8Groups(queries[q], codes, offset, groups, single);
            assertThat(slice(batch, q * groups * width, groups * width)).as("query %d", q).containsExactly(single);
        }
    }

    private static float[][] randomVectors(Random random, int count, int dimension) {
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            vectors[i] = Reference.randomVectorAwayFromZero(random, dimension);
        }
        return vectors;
    }

    /** Packs the vectors in groups after {@code skipGroups} groups of sentinels that would wreck any score. */
    private static float[] pack(float[][] vectors, int width, int skipGroups) {
        int dimension = vectors[0].length;
        float[] packed = new float[(skipGroups * width + vectors.length) * dimension];
        java.util.Arrays.fill(packed, 0, skipGroups * width * dimension, 1e6f);
        for (int j = 0; j < vectors.length; j++) {
            int group = (skipGroups + j / width) * width * dimension;
            for (int d = 0; d < dimension; d++) {
                packed[group + d * width + j % width] = vectors[j][d];
            }
        }
        return packed;
    }

    private static float[] padded(float[] window, int before, int after) {
        float[] out = new float[before + window.length + after];
        java.util.Arrays.fill(out, 1_000f);
        System.arraycopy(window, 0, out, before, window.length);
        return out;
    }

    private static float[] slice(float[] array, int from, int length) {
        return java.util.Arrays.copyOfRange(array, from, from + length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void fma_burst_runs_every_chain_the_asked_number_of_rounds(VectorKernels kernels) {
        // Each chain is acc = acc · x + y (x = 0.999999f, y = 1e-6f) from 0.01f, 0.02f, … 0.12f: after r rounds
        // acc = p + (start − p) · x^r with p = y / (1 − x); the result sums the 12 chains over every lane. A
        // missing chain or lane would be off by several percent; float rounding stays far below 1 %.
        double x = 0.999_999f;
        double p = 1e-6f / (1 - x);
        for (int rounds : new int[] {0, 1, 1_000, 20_000}) {
            double expected = 0;
            for (int chain = 1; chain <= VectorMath.FMA_CHAINS; chain++) {
                double start = chain / 100f;
                expected += p + (start - p) * Math.pow(x, rounds);
            }
            expected *= kernels.fmaLanes();

            assertThat((double) kernels.fmaBurst(rounds)).as("%d rounds", rounds)
                    .isCloseTo(expected, within(2e-3 * expected));
        }
    }
}
