package io.simdex.encode;

import java.util.Locale;

/** How token vectors become one text vector. */
public enum Pooling {
    /** Average of the token vectors under the attention mask (all-MiniLM-L6-v2). */
    MEAN,
    /** The first ([CLS]) token's vector (BGE models). */
    CLS;

    public static Pooling parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pooling must be 'mean' or 'cls', got '" + value + "'");
        }
    }
}
