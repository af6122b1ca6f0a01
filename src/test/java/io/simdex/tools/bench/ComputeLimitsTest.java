package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class ComputeLimitsTest {

    private static final Stats RUN = Stats.ofMillis(new double[] {10, 11, 12});

    private static BenchResults.Ceiling ceiling(String probe, String precision, int threads, String layout,
                                                double gflops) {
        return new BenchResults.Ceiling(probe, precision, threads, layout, RUN, gflops, "fake");
    }

    private final ComputeLimits limits = new ComputeLimits(List.of(
            ceiling(BenchResults.Ceiling.FMA_PEAK, "fp32", 1, "1 thread", 100),
            ceiling(BenchResults.Ceiling.FMA_PEAK, "fp32", 2, "2 threads", 190),
            ceiling(BenchResults.Ceiling.ORT_GEMM, "fp32", 2, "2 workers × 1 ORT thread", 150),
            ceiling(BenchResults.Ceiling.ORT_GEMM, "fp32", 2, "1 worker × 2 ORT threads", 140),
            ceiling(BenchResults.Ceiling.ORT_GEMM, "int8", 2, "2 workers × 1 ORT thread", 400),
            ceiling(BenchResults.Ceiling.ORT_GEMM, "int8", 2, "1 worker × 2 ORT threads", 520)));

    @Test
    void fp32_rows_get_the_highest_fp32_ceiling_on_as_many_threads() {
        assertThat(limits.limit("fp32", 2)).get().extracting(BenchResults.Ceiling::gflops).isEqualTo(190.0);
        assertThat(limits.limit("fp32", 1)).get().extracting(ComputeLimits::describe)
                .isEqualTo("FMA peak (Vector API), 1 thread");
        assertThat(limits.fp32Gflops(2)).isEqualTo(190.0);
    }

    @Test
    void an_ort_fp32_product_faster_than_the_fma_peak_becomes_the_limit() {
        var faster = new ComputeLimits(List.of(ceiling(BenchResults.Ceiling.FMA_PEAK, "fp32", 2, "2 threads", 150),
                ceiling(BenchResults.Ceiling.ORT_GEMM, "fp32", 2, "1 worker × 2 ORT threads", 160)));

        assertThat(faster.limit("fp32", 2)).get().extracting(ComputeLimits::describe)
                .isEqualTo("ONNX Runtime GEMM, 1 worker × 2 ORT threads");
    }

    @Test
    void int8_rows_get_the_int8_product_never_an_fp32_ceiling() {
        assertThat(limits.limit("int8", 2)).get().extracting(ComputeLimits::describe)
                .isEqualTo("ONNX Runtime GEMM, 1 worker × 2 ORT threads");
        assertThat(limits.limit("int8", 1)).isEmpty();
        assertThat(limits.fp32Gflops(4)).isNull();
    }

    @Test
    void a_fraction_prints_as_a_percentage_up_to_100_and_above_that_blames_the_ceiling() {
        assertThat(ComputeLimits.percent(0.874)).isEqualTo("87 %");
        assertThat(ComputeLimits.percent(1.0)).isEqualTo("100 %");
        assertThat(ComputeLimits.percent(1.02)).isEqualTo(ComputeLimits.ABOVE_CEILING).doesNotContain("%");
        assertThat(ComputeLimits.percent(null)).isEqualTo("not measured");
    }
}
