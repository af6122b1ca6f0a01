package io.simdex.encode;

import java.util.Locale;

/** What happens to a text longer than the model's token budget. */
public enum LongTexts {
    /** Keep [CLS], the first max-tokens − 2 tokens and [SEP]; the response says the text was truncated. */
    TRUNCATE,
    /** Encode overlapping windows of max-tokens and average their vectors: the whole text counts. */
    CHUNK;

    public static LongTexts parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("long-texts must be 'truncate' or 'chunk', got '" + value + "'");
        }
    }
}
