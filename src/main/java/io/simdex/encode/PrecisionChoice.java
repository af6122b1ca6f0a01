package io.simdex.encode;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The precision {@code model.precision} resolves to on this machine, and why: {@code fp32} and {@code int8} are
 * taken as they are; {@code auto} picks int8 where the CPU has fast int8 instructions (see {@link CpuFeatures}) and
 * fp32 elsewhere, where ONNX Runtime's int8 products are no faster and the int8 export only costs a little accuracy.
 * An {@code auto} choice then yields to the precision an existing collection was made with ({@link #forCollection}),
 * so a change of default or of machine never re-encodes a collection.
 *
 * @param precision the weights to run
 * @param reason    one clause for the start-up log, e.g. {@code auto: this CPU has avx512_vnni}
 * @param automatic whether the setting was {@code auto} (true) or named the precision (false)
 */
public record PrecisionChoice(Precision precision, String reason, boolean automatic) {

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
            case "fp32" -> new PrecisionChoice(Precision.FP32, "set to fp32", false);
            case "int8" -> new PrecisionChoice(Precision.INT8, "set to int8", false);
            case "auto" -> auto(cpu);
            default -> throw new IllegalArgumentException("precision must be " + VALUES + ", got '" + setting + "'");
        };
    }

    private static PrecisionChoice auto(CpuFeatures cpu) {
        if (!cpu.known()) {
            return new PrecisionChoice(Precision.FP32, "auto: the CPU's features are unknown (" + cpu.source()
                    + "), so the safe fp32", true);
        }
        return cpu.fastInt8()
                .map(flag -> new PrecisionChoice(Precision.INT8, "auto: this " + cpu.arch() + " CPU has " + flag
                        + ", which ONNX Runtime's int8 kernels use", true))
                .orElseGet(() -> new PrecisionChoice(Precision.FP32, "auto: this " + cpu.arch() + " CPU has none of "
                        + String.join(", ", CpuFeatures.FAST_INT8) + ", so int8 would be no faster than fp32", true));
    }

    /**
     * This choice for a collection whose vectors were made at {@code made}. {@code auto} keeps the collection's
     * precision, so a collection made before {@code auto} became the default (or on another machine) is served as it
     * was, never silently encoded again; a new or empty collection (empty {@code made}) takes the CPU's choice. A
     * precision named in the setting stands whatever the collection holds: the caller then encodes the collection at
     * it or refuses, and says how to proceed ({@link #conflictsWith}).
     */
    public PrecisionChoice forCollection(Optional<Precision> made) {
        if (!automatic || made.isEmpty() || made.get() == precision) {
            return this;
        }
        String kept = name(made.get());
        return new PrecisionChoice(made.get(), "auto: the collection was made at " + kept + ", so it stays " + kept
                + "; on a new collection this CPU would get " + name(precision) + " (" + reason.substring("auto: "
                .length()) + "); set model.precision=" + name(precision) + " to encode it once more at "
                + name(precision), true);
    }

    /**
     * The precision an existing collection was made at: among the identities of model {@code name} the collection
     * holds vectors under, the precision with the most vectors; on a tie (a collection encoded at
     * both), {@code preferred}, which then needs no encoding either. Empty for a collection without a vector of this
     * model: new, empty, or made with another model.
     *
     * @param vectorsByModel for each model identity ({@link Encoder#modelId()}), how many vectors the collection holds
     *                       under it
     * @param name           the model's name ({@code model.name})
     * @param preferred      the precision to report when both have as many
     */
    public static Optional<Precision> madeAt(Map<String, Long> vectorsByModel, String name, Precision preferred) {
        var vectors = new EnumMap<Precision, Long>(Precision.class);
        vectorsByModel.forEach((id, count) -> OnnxEncoder.precisionIn(id, name)
                .filter(p -> count > 0)
                .ifPresent(p -> vectors.merge(p, count, Long::sum)));
        return vectors.entrySet().stream()
                .max(Comparator.comparingLong((Map.Entry<Precision, Long> e) -> e.getValue())
                        .thenComparing(e -> e.getKey() == preferred))
                .map(Map.Entry::getKey);
    }

    /** Whether this explicit choice differs from the precision the collection was made at. */
    public boolean conflictsWith(Optional<Precision> made) {
        return !automatic && made.isPresent() && made.get() != precision;
    }

    /** {@code int8 (auto: this amd64 CPU has avx512_vnni, ...)}, for the log. */
    public String describe() {
        return name(precision) + " (" + reason + ")";
    }

    /** {@code fp32} or {@code int8}, as the setting spells it. */
    public static String name(Precision precision) {
        return precision.name().toLowerCase(Locale.ROOT);
    }
}
