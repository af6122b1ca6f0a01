package io.simdex.tools.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which measured ceiling an encoding row is compared with, and how the fraction reads. fp32 rows: the highest
 * fp32 ceiling on as many threads as the row keeps busy (the FMA peak, or ONNX Runtime's MatMul if that was
 * faster); int8 rows: ONNX Runtime's int8 product on as many threads. OpenBLAS sgemm is not a limit, only a
 * labelled extra: a slow BLAS kernel is beaten by the encoder itself.
 */
final class ComputeLimits {

    /** What a fraction above 1 prints instead of a percentage: the ceiling, not the encoder, is wrong. */
    static final String ABOVE_CEILING = "above the ceiling: ceiling too low";

    private final List<BenchResults.Ceiling> ceilings;

    ComputeLimits(List<BenchResults.Ceiling> ceilings) {
        this.ceilings = List.copyOf(ceilings);
    }

    /** The limit for a row of {@code precision} ({@code fp32} or {@code int8}) on {@code threads} cores, if measured. */
    Optional<BenchResults.Ceiling> limit(String precision, int threads) {
        return ceilings.stream()
                .filter(c -> c.precision().equals(precision) && c.threads() == threads)
                .max(Comparator.comparingDouble(BenchResults.Ceiling::gflops));
    }

    /** The fp32 limit on {@code threads} cores in GFLOP/s, or null: the compute floor of an exact scan. */
    Double fp32Gflops(int threads) {
        return limit("fp32", threads).map(BenchResults.Ceiling::gflops).orElse(null);
    }

    /** A row's name for its limit, e.g. {@code FMA peak (Vector API), 2 threads}. */
    static String describe(BenchResults.Ceiling c) {
        return c.probe() + ", " + c.layout();
    }

    /** {@code 87 %}, {@code not measured}, or {@link #ABOVE_CEILING} for a fraction above 1. */
    static String percent(Double fraction) {
        if (fraction == null) {
            return "not measured";
        }
        if (fraction > 1) {
            return ABOVE_CEILING;
        }
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }
}
