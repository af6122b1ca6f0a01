package io.simdex.encode;

import java.util.Locale;
import java.util.Objects;

/**
 * The precision {@code model.precision} resolves to on this machine, and why: {@code fp32} and {@code int8} are
 * taken as they are; {@code auto} picks int8 where the CPU has fast int8 instructions (see {@link CpuFeatures}) and
 * fp32 elsewhere, where ONNX Runtime's int8 products are no faster and the int8 export only costs a little accuracy.
 *
 * @param precision the weights to run
 * @param reason    one clause for the start-up log, e.g. {@code auto: this CPU has avx512_vnni}
 */
public record PrecisionChoice(Precision precision, String reason) {

    /** The accepted values of {@code model.precision}. */
    public static final String VALUES = "'auto', 'fp32' or 'int8'";

    public PrecisionChoice {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Resolves a {@code model.precision} value.
     *
     * @param setting {@code auto}, {@code fp32} or {@code int8}, in any case
     * @param cpu     the CPU's features; only read for {@code auto}
     * @throws IllegalArgumentException for any other value
     */
    public static PrecisionChoice resolve(String setting, CpuFeatures cpu) {
        String value = setting.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "fp32" -> new PrecisionChoice(Precision.FP32, "set to fp32");
            case "int8" -> new PrecisionChoice(Precision.INT8, "set to int8");
            case "auto" -> auto(cpu);
            default -> throw new IllegalArgumentException("precision must be " + VALUES + ", got '" + setting + "'");
        };
    }

    private static PrecisionChoice auto(CpuFeatures cpu) {
        if (!cpu.known()) {
            return new PrecisionChoice(Precision.FP32, "auto: the CPU's features are unknown (" + cpu.source()
                    + "), so the safe fp32");
        }
        return cpu.fastInt8()
                .map(flag -> new PrecisionChoice(Precision.INT8, "auto: this " + cpu.arch() + " CPU has " + flag
                        + ", which ONNX Runtime's int8 kernels use"))
                .orElseGet(() -> new PrecisionChoice(Precision.FP32, "auto: this " + cpu.arch() + " CPU has none of "
                        + String.join(", ", CpuFeatures.FAST_INT8) + ", so int8 would be no faster than fp32"));
    }

    /** {@code int8 (auto: this amd64 CPU has avx512_vnni, ...)}, for the log. */
    public String describe() {
        return precision.name().toLowerCase(Locale.ROOT) + " (" + reason + ")";
    }
}
