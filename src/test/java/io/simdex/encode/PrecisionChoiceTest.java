package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code model.precision} resolved against injected CPU feature sets. */
class PrecisionChoiceTest {

    private static final CpuFeatures AVX2 = new CpuFeatures("amd64", Set.of("avx", "avx2", "fma"), "test");
    private static final CpuFeatures VNNI = new CpuFeatures("amd64", Set.of("avx2", "avx512f", "avx512_vnni"), "test");
    private static final CpuFeatures AVX_VNNI = new CpuFeatures("amd64", Set.of("avx2", "avx_vnni"), "test");
    private static final CpuFeatures ARM_DOT = new CpuFeatures("aarch64", Set.of("asimd", "asimddp"), "test");
    private static final CpuFeatures ARM_PLAIN = new CpuFeatures("aarch64", Set.of("fp", "asimd"), "test");
    private static final CpuFeatures UNKNOWN = new CpuFeatures("amd64", Set.of(), "/proc/cpuinfo could not be read");

    @Test
    void auto_picks_int8_where_the_cpu_has_fast_int8_and_names_the_feature() {
        for (CpuFeatures cpu : new CpuFeatures[] {VNNI, AVX_VNNI, ARM_DOT}) {
            PrecisionChoice choice = PrecisionChoice.resolve("auto", cpu);
            assertThat(choice.precision()).isEqualTo(Precision.INT8);
            assertThat(choice.reason()).contains(cpu.fastInt8().orElseThrow());
        }
        assertThat(PrecisionChoice.resolve("auto", VNNI).describe())
                .isEqualTo("int8 (auto: this amd64 CPU has avx512_vnni, which ONNX Runtime's int8 kernels use)");
    }

    @Test
    void auto_picks_fp32_without_fast_int8_or_when_the_features_are_unknown() {
        assertThat(PrecisionChoice.resolve("auto", AVX2).precision()).isEqualTo(Precision.FP32);
        assertThat(PrecisionChoice.resolve("auto", ARM_PLAIN).precision()).isEqualTo(Precision.FP32);
        assertThat(PrecisionChoice.resolve("AUTO ", AVX2).reason()).contains("int8 would be no faster");
        PrecisionChoice unknown = PrecisionChoice.resolve("auto", UNKNOWN);
        assertThat(unknown.precision()).isEqualTo(Precision.FP32);
        assertThat(unknown.reason()).contains("unknown").contains("could not be read");
    }

    @Test
    void an_explicit_precision_is_kept_whatever_the_cpu() {
        assertThat(PrecisionChoice.resolve("int8", AVX2).precision()).isEqualTo(Precision.INT8);
        assertThat(PrecisionChoice.resolve("fp32", VNNI).precision()).isEqualTo(Precision.FP32);
        assertThat(PrecisionChoice.resolve("fp32", VNNI).reason()).isEqualTo("set to fp32");
    }

    private static final String MINILM_FP32 = "all-minilm-l6-v2@0a1b/max256/mean/p1";
    private static final String MINILM_INT8 = "all-minilm-l6-v2@2c3d/max256/mean/int8/p1";

    @Test
    void auto_keeps_the_precision_an_existing_collection_was_made_at() {
        // given a collection made at fp32 (before auto was the default), now on a CPU with VNNI
        PrecisionChoice auto = PrecisionChoice.resolve("auto", VNNI);
        Optional<Precision> made = PrecisionChoice.madeAt(Map.of(MINILM_FP32, 772L), "all-minilm-l6-v2",
                auto.precision());
        // when
        PrecisionChoice kept = auto.forCollection(made);
        // then
        assertThat(made).contains(Precision.FP32);
        assertThat(kept.precision()).isEqualTo(Precision.FP32);
        assertThat(kept.automatic()).isTrue();
        assertThat(kept.conflictsWith(made)).isFalse();
        assertThat(kept.describe()).startsWith("fp32 (auto: the collection was made at fp32, so it stays fp32")
                .contains("avx512_vnni").contains("set model.precision=int8");
        // and an int8 collection on a CPU without fast int8 stays int8
        assertThat(PrecisionChoice.resolve("auto", AVX2).forCollection(Optional.of(Precision.INT8)).precision())
                .isEqualTo(Precision.INT8);
    }

    @Test
    void auto_takes_the_cpu_s_choice_for_a_new_or_empty_collection_or_one_of_another_model() {
        PrecisionChoice auto = PrecisionChoice.resolve("auto", VNNI);
        assertThat(PrecisionChoice.madeAt(Map.of(), "all-minilm-l6-v2", Precision.INT8)).isEmpty();
        assertThat(PrecisionChoice.madeAt(Map.of("bge-small-en-v1.5@9f/max512/cls/p1", 772L), "all-minilm-l6-v2",
                Precision.INT8)).isEmpty();
        assertThat(auto.forCollection(Optional.empty())).isEqualTo(auto);
        assertThat(auto.forCollection(Optional.empty()).precision()).isEqualTo(Precision.INT8);
        assertThat(PrecisionChoice.resolve("auto", AVX2).forCollection(Optional.empty()).precision())
                .isEqualTo(Precision.FP32);
    }

    @Test
    void an_explicit_precision_wins_over_the_collection_s_and_says_it_conflicts() {
        PrecisionChoice int8 = PrecisionChoice.resolve("int8", AVX2);
        assertThat(int8.forCollection(Optional.of(Precision.FP32))).isEqualTo(int8);
        assertThat(int8.conflictsWith(Optional.of(Precision.FP32))).isTrue();
        assertThat(int8.conflictsWith(Optional.of(Precision.INT8))).isFalse();
        assertThat(int8.conflictsWith(Optional.empty())).isFalse();
        PrecisionChoice fp32 = PrecisionChoice.resolve("fp32", VNNI);
        assertThat(fp32.forCollection(Optional.of(Precision.INT8)).precision()).isEqualTo(Precision.FP32);
    }

    @Test
    void a_collection_made_at_both_is_counted_by_its_vectors_and_a_tie_goes_to_the_preferred() {
        assertThat(PrecisionChoice.madeAt(Map.of(MINILM_FP32, 772L, MINILM_INT8, 12L), "all-minilm-l6-v2",
                Precision.INT8)).contains(Precision.FP32);
        assertThat(PrecisionChoice.madeAt(Map.of(MINILM_FP32, 772L, MINILM_INT8, 772L), "all-minilm-l6-v2",
                Precision.INT8)).contains(Precision.INT8);
        assertThat(PrecisionChoice.madeAt(Map.of(MINILM_FP32, 772L, MINILM_INT8, 772L), "all-minilm-l6-v2",
                Precision.FP32)).contains(Precision.FP32);
        // two identities of one precision (another token budget) add up
        assertThat(PrecisionChoice.madeAt(Map.of(MINILM_FP32, 400L, "all-minilm-l6-v2@0a1b/max128/mean/p1", 400L,
                MINILM_INT8, 772L), "all-minilm-l6-v2", Precision.INT8)).contains(Precision.FP32);
    }

    @Test
    void another_value_is_refused_with_the_accepted_ones() {
        assertThatThrownBy(() -> PrecisionChoice.resolve("fp16", VNNI))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("precision must be 'auto', 'fp32' or 'int8', got 'fp16'");
    }
}
