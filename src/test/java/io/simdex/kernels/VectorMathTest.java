package io.simdex.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

class VectorMathTest {

    /** Absolute error allowed on a dot product of terms of magnitude at most 2.25; grows with the length. */
    private static double dotTolerance(int length) {
        return 1e-5 * length;
    }

    /** Error allowed on quantities of magnitude about 1 derived from a vector of this length. */
    private static double unitTolerance(int length) {
        return 1e-6 * length;
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 3, 7, 8, 33, 384, 385})
    void dot_matches_a_naive_double_loop(int length) {
        // given
        Random random = new Random(1_000 + length);
        float[] a = Reference.randomVectorAwayFromZero(random, length);
        float[] b = Reference.randomVectorAwayFromZero(random, length);

        // when
        float dot = VectorMath.dot(a, b);

        // then
        assertThat((double) dot).isCloseTo(Reference.dot(a, 0, b, 0, length), within(dotTolerance(length)));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 3, 7, 8, 33, 384, 385})
    void dot_with_offsets_reads_only_its_window(int length) {
        // given: the windows sit between sentinels that would wreck the result if read
        Random random = new Random(2_000 + length);
        int aOffset = 3;
        int bOffset = 5;
        float[] a = padded(Reference.randomVectorAwayFromZero(random, length), aOffset, 4);
        float[] b = padded(Reference.randomVectorAwayFromZero(random, length), bOffset, 2);

        // when
        float dot = VectorMath.dot(a, aOffset, b, bOffset, length);

        // then
        assertThat((double) dot).isCloseTo(Reference.dot(a, aOffset, b, bOffset, length),
                within(dotTolerance(length)));
    }

    @Test
    void dot_of_empty_vectors_or_an_empty_window_is_zero() {
        assertThat(VectorMath.dot(new float[0], new float[0])).isZero();
        assertThat(VectorMath.dot(new float[] {1f, 2f}, 2, new float[] {3f}, 1, 0)).isZero();
    }

    @Test
    void dot_rejects_vectors_of_different_lengths() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VectorMath.dot(new float[3], new float[4]))
                .withMessageContaining("3")
                .withMessageContaining("4");
    }

    @Test
    void dot_rejects_windows_outside_the_arrays() {
        float[] five = new float[5];
        assertThatThrownBy(() -> VectorMath.dot(five, 2, five, 0, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> VectorMath.dot(five, 0, five, 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> VectorMath.dot(five, -1, five, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> VectorMath.dot(five, 0, five, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 3, 7, 8, 33, 384, 385})
    void l2Norm_matches_a_naive_double_loop(int length) {
        float[] v = Reference.randomVector(new Random(3_000 + length), length);

        assertThat((double) VectorMath.l2Norm(v)).isCloseTo(Reference.norm(v), within(unitTolerance(length)));
    }

    @Test
    void l2Norm_is_exact_for_simple_vectors_and_zero_for_zero_or_empty_ones() {
        assertThat(VectorMath.l2Norm(new float[] {3f, 4f})).isEqualTo(5f);
        assertThat(VectorMath.l2Norm(new float[] {0f, -0f, 0f})).isZero();
        assertThat(VectorMath.l2Norm(new float[0])).isZero();
    }

    @Test
    void l2Norm_survives_components_whose_squares_underflow_or_overflow() {
        assertThat(VectorMath.l2Norm(new float[] {3e-30f, 4e-30f})).isCloseTo(5e-30f, within(1e-36f));
        assertThat(VectorMath.l2Norm(new float[] {Float.MIN_VALUE})).isEqualTo(Float.MIN_VALUE);
        assertThat(VectorMath.l2Norm(new float[] {1.5e38f, 2e38f})).isCloseTo(2.5e38f, within(1e32f));
        assertThat(VectorMath.l2Norm(new float[] {3e38f, 3e38f})).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 3, 7, 8, 33, 384, 385})
    void normalizeInPlace_gives_a_unit_vector_in_the_same_direction(int length) {
        // given
        float[] v = Reference.randomVector(new Random(4_000 + length), length);
        double[] expected = Reference.normalized(v);

        // when
        VectorMath.normalizeInPlace(v);

        // then
        assertThat(Reference.norm(v)).isCloseTo(1.0, within(unitTolerance(length)));
        for (int i = 0; i < length; i++) {
            assertThat((double) v[i]).as("component %d", i).isCloseTo(expected[i], within(unitTolerance(length)));
        }
    }

    @Test
    void normalizeInPlace_handles_tiny_and_huge_components() {
        float[] tiny = {3e-30f, 4e-30f};
        float[] subnormal = {0f, Float.MIN_VALUE, 0f};
        float[] huge = {3e38f, -2e38f, 3e38f};

        VectorMath.normalizeInPlace(tiny);
        VectorMath.normalizeInPlace(subnormal);
        VectorMath.normalizeInPlace(huge);

        assertThat(tiny).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
        assertThat(subnormal).containsExactly(0f, 1f, 0f);
        assertThat(Reference.norm(huge)).isCloseTo(1.0, within(1e-6));
        assertThat(huge[0]).isEqualTo(huge[2]).isPositive();
        assertThat(huge[1]).isNegative();
    }

    @Test
    void normalizeInPlace_rejects_a_zero_vector() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VectorMath.normalizeInPlace(new float[] {0f, -0f, 0f}))
                .withMessageContaining("zero vector")
                .withMessageContaining("3 components");
    }

    @Test
    void normalizeInPlace_rejects_an_empty_vector() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VectorMath.normalizeInPlace(new float[0]))
                .withMessageContaining("empty");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void normalizeInPlace_rejects_a_non_finite_component_and_leaves_the_vector_alone(float bad) {
        float[] v = {1f, 2f, bad, 4f};

        assertThatIllegalArgumentException()
                .isThrownBy(() -> VectorMath.normalizeInPlace(v))
                .withMessageContaining("component 2 of 4 is " + bad)
                .withMessageContaining("finite");
        assertThat(Arrays.copyOf(v, 2)).containsExactly(1f, 2f);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void checkFinite_names_the_first_bad_component(float bad) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VectorMath.checkFinite(new float[] {0f, bad, Float.NaN}))
                .withMessage("component 1 of 3 is " + bad + "; every component must be a finite float");
    }

    @Test
    void checkFinite_accepts_every_finite_float() {
        VectorMath.checkFinite(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0f});
        VectorMath.checkFinite(new float[0]);
    }

    private static float[] padded(float[] window, int before, int after) {
        float[] out = new float[before + window.length + after];
        Arrays.fill(out, 1_000f);
        System.arraycopy(window, 0, out, before, window.length);
        return out;
    }

    @Test
    void implementation_names_the_kernels_in_use() {
        assertThat(VectorMath.implementation()).matches("scalar|panama \\d+-bit");
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 3, 7, 8, 33, 384, 385})
    void pack_and_unpack_round_trip_through_any_lane(int length) {
        Random random = new Random(5_000 + length);
        int width = VectorMath.groupWidth();
        float[] packed = new float[2 * width * length];
        float[][] vectors = new float[2 * width][];
        for (int j = 0; j < vectors.length; j++) {
            vectors[j] = Reference.randomVector(random, length);
            VectorMath.pack(vectors[j], packed, j / width * width * length, j % width);
        }

        for (int j = 0; j < vectors.length; j++) {
            float[] out = new float[length];
            VectorMath.unpack(packed, j / width * width * length, j % width, out);
            assertThat(out).as("vector %d", j).containsExactly(vectors[j]);
        }
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 3, 7, 8, 33, 384, 385})
    void int8_codes_times_the_scale_are_within_half_a_step_of_the_vector(int length) {
        // given
        float[] v = Reference.randomVector(new Random(6_000 + length), length);
        VectorMath.normalizeInPlace(v);
        int width = VectorMath.groupWidth();
        byte[] codes = new byte[width * length];

        // when
        float scale = VectorMath.quantizeInt8(v, codes, 0, width - 1);

        // then
        float maxAbs = 0f;
        for (float x : v) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        assertThat(scale).isCloseTo(maxAbs / 127f, within(1e-9f));
        for (int d = 0; d < length; d++) {
            byte code = codes[d * width + width - 1];
            assertThat(Math.abs(code)).isLessThanOrEqualTo(127);
            assertThat((double) scale * code).as("component %d", d).isCloseTo(v[d], within(scale / 2 * 1.0001));
            assertThat(codes[d * width]).as("other lanes stay untouched").isZero();
        }
    }

    @Test
    void the_largest_component_gets_code_127_with_its_sign() {
        byte[] codes = new byte[VectorMath.groupWidth() * 3];

        VectorMath.quantizeInt8(new float[] {0.5f, -1f, 0.25f}, codes, 0, 0);

        int w = VectorMath.groupWidth();
        assertThat(new byte[] {codes[0], codes[w], codes[2 * w]}).containsExactly(64, -127, 32);
    }

    @Test
    void dot_in_scan_order_agrees_with_dot_up_to_rounding_and_rejects_different_lengths() {
        float[] a = Reference.randomVector(new Random(7), 385);
        float[] b = Reference.randomVector(new Random(8), 385);

        assertThat(VectorMath.dotInScanOrder(a, b)).isCloseTo(VectorMath.dot(a, b), within(1e-4f));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VectorMath.dotInScanOrder(new float[3], new float[4]))
                .withMessageContaining("3").withMessageContaining("4");
    }

    @Test
    void group_scans_reject_groups_or_scores_that_do_not_fit() {
        int w = VectorMath.groupWidth();
        float[] query = new float[4];
        float[] packed = new float[2 * w * 4];

        assertThatThrownBy(() -> VectorMath.scoreGroups(query, packed, 0, 3, new float[3 * w]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("3 groups");
        assertThatThrownBy(() -> VectorMath.scoreGroups(query, packed, 1, 2, new float[2 * w]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> VectorMath.scoreGroups(query, packed, 0, 2, new float[2 * w - 1]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("scores");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VectorMath.scoreGroupsBatch(new float[][] {query, new float[5]}, packed, 0, 1,
                        new float[2 * w]))
                .withMessageContaining("query 1 has 5 components but query 0 has 4");
    }

    @Test
    void l1_norm_sums_absolute_values() {
        assertThat(VectorMath.l1Norm(new float[] {3f, -4f, 0.5f})).isEqualTo(7.5f);
        assertThat(VectorMath.l1Norm(new float[0])).isZero();
    }

    @Test
    void fma_burst_refuses_negative_rounds_and_reports_its_lanes() {
        assertThatThrownBy(() -> VectorMath.fmaBurst(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rounds");
        assertThat(VectorMath.fmaLanes()).isEqualTo(VectorMath.implementation().equals("scalar") ? 1
                : VectorMath.groupWidth());
        assertThat(VectorMath.fmaBurst(0)).isCloseTo(0.78f * VectorMath.fmaLanes(), within(1e-4f));
    }
}
