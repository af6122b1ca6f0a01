package io.simdex.http;

/**
 * Limits the HTTP API enforces on each request: the http stage's options (each message names the setting by
 * its key within {@code api.*}).
 *
 * @param maxK          largest {@code k} a request may ask for
 * @param maxQueryChars longest free-text search query ({@code q}), in characters
 * @param maxTextChars  longest text in a request body (title and abstract together), in characters
 * @param maxExamples   most paper ids a recommend request may list as positive and negative examples
 */
public record HttpOptions(int maxK, int maxQueryChars, int maxTextChars, int maxExamples) {
    public HttpOptions {
        if (maxK < 1 || maxK > 10_000) {
            throw new IllegalArgumentException("max-k must be 1..10000, got " + maxK);
        }
        if (maxQueryChars < 1 || maxQueryChars > 100_000) {
            throw new IllegalArgumentException("max-query-chars must be 1..100000, got " + maxQueryChars);
        }
        if (maxTextChars < 1 || maxTextChars > 1_000_000) {
            throw new IllegalArgumentException("max-text-chars must be 1..1000000, got " + maxTextChars);
        }
        if (maxExamples < 1 || maxExamples > 10_000) {
            throw new IllegalArgumentException("max-examples must be 1..10000, got " + maxExamples);
        }
    }

    /** The defaults of {@code config/simdex.yaml}. */
    public static HttpOptions defaults() {
        return new HttpOptions(100, 4096, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_EXAMPLES);
    }

    /** Limits with the default body-text and example limits. */
    public HttpOptions(int maxK, int maxQueryChars) {
        this(maxK, maxQueryChars, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_EXAMPLES);
    }

    /** The default of {@code api.max-text-chars}. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 20_000;
    /** The default of {@code api.max-examples}. */
    public static final int DEFAULT_MAX_EXAMPLES = 100;
}
