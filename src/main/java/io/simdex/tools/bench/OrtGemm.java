package io.simdex.tools.bench;

import io.simdex.encode.GemmProbe;
import io.simdex.encode.Precision;

/**
 * ONNX Runtime's own matrix product ({@link GemmProbe}) timed in one thread layout: the fp32 and int8 ceilings
 * for the encoder, from the library the encoder runs on.
 */
final class OrtGemm {

    /** The feed-forward up-projection, the encoder's largest product: {@code [batch·tokens, h] × [h, f]}. */
    static final int K = MiniLmFlops.HIDDEN;
    static final int N = MiniLmFlops.FFN;

    private OrtGemm() {
    }

    /**
     * Times one product per worker at a time.
     *
     * @param rows the product's rows: the encoder's padded tokens per bulk model call
     */
    static BenchResults.Ceiling measure(String precision, int rows, int workers, int threadsPerWorker,
                                        Sampler.Budget budget) throws Exception {
        Precision p = Precision.parse(precision);
        try (GemmProbe probe = GemmProbe.open(p, rows, K, N, workers, threadsPerWorker)) {
            Stats stats = Sampler.time(budget, probe::run);
            double gflops = probe.opsPerRun() / (stats.minMs() / 1e3) / 1e9;
            return new BenchResults.Ceiling(BenchResults.Ceiling.ORT_GEMM, precision, workers * threadsPerWorker,
                    layout(workers, threadsPerWorker), stats, gflops, probe.operators() + " " + probe.shape()
                    + " per worker");
        }
    }

    /** {@code 2 workers × 1 ORT thread}, as the encoder rows name their layouts. */
    static String layout(int workers, int threadsPerWorker) {
        return workers + (workers == 1 ? " worker" : " workers") + " × " + threadsPerWorker + " ORT "
                + (threadsPerWorker == 1 ? "thread" : "threads");
    }
}
