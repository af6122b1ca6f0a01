package io.simdex.encode;

import java.util.Locale;

/** Which weights a model folder holds. */
public enum Precision {
    /** The original 32-bit float weights. */
    FP32(""),
    /** Weights quantized to 8-bit integers: about 2× faster on CPUs, cosine ≥ 0.98 to fp32. */
    INT8("-q");

    private final String folderSuffix;

    Precision(String folderSuffix) {
        this.folderSuffix = folderSuffix;
    }

    /**
     * The model folder for this precision: the int8 export sits in {@code <name>-q}; a name that already names the
     * export ({@code all-minilm-l6-v2-q}) is its own int8 folder.
     */
    public String folder(String modelName) {
        return !folderSuffix.isEmpty() && modelName.endsWith(folderSuffix) ? modelName : modelName + folderSuffix;
    }

    public static Precision parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "fp32" -> FP32;
            case "int8" -> INT8;
            default -> throw new IllegalArgumentException("precision must be 'fp32' or 'int8', got '" + value + "'");
        };
    }
}
