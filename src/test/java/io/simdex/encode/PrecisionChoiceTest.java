package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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

    @Test
    void another_value_is_refused_with_the_accepted_ones() {
        assertThatThrownBy(() -> PrecisionChoice.resolve("fp16", VNNI))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("precision must be 'auto', 'fp32' or 'int8', got 'fp16'");
    }
}
