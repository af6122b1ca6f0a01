package io.simdex.encode;

import java.util.Locale;

/** ONNX Runtime's graph optimization levels. */
public enum Optimization {
    /** No graph rewrites. */
    NONE,
    /** Constant folding and redundant-node removal. */
    BASIC,
    /** Plus operator fusions such as attention and GELU. */
    EXTENDED,
    /** Plus layout optimizations: ONNX Runtime's own default. */
    ALL;

    public static Optimization parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "optimization must be one of none, basic, extended, all, got '" + value + "'");
        }
    }
}
