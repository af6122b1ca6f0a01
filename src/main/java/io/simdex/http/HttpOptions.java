package io.simdex.http;

/**
 * Limits the HTTP API enforces on each request, and the key that opens its write endpoints: the http stage's
 * options (each message names the setting by its key within {@code api.*}).
 *
 * @param maxK          largest {@code k} a request may ask for
 * @param maxQueryChars longest free-text search query ({@code q}), in characters
 * @param maxTextChars  longest text in a request body (title and abstract together), in characters
 * @param maxExamples   most paper ids a recommend request may list as positive and negative examples
 * @param maxBulkBytes  largest body of {@code POST /api/papers/_bulk}, in bytes
 * @param apiKey        the bearer key writes must carry; empty turns the write endpoints off. Never logged:
 *                      {@link #toString()} leaves it out
 */
public record HttpOptions(int maxK, int maxQueryChars, int maxTextChars, int maxExamples, int maxBulkBytes,
                          String apiKey) {

    /** The default of {@code api.max-text-chars}. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 20_000;
    /** The default of {@code api.max-examples}. */
    public static final int DEFAULT_MAX_EXAMPLES = 100;
    /** The default of {@code api.max-bulk-bytes}: 16 MiB, a few thousand abstracts. */
    public static final int DEFAULT_MAX_BULK_BYTES = 16 * 1024 * 1024;

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
        if (maxBulkBytes < 1024 || maxBulkBytes > 1024 * 1024 * 1024) {
            throw new IllegalArgumentException("max-bulk-bytes must be 1024..1073741824, got " + maxBulkBytes);
        }
        if (apiKey == null) {
            throw new IllegalArgumentException("key must not be null (leave it empty to turn writes off)");
        }
        apiKey = apiKey.strip();
        if (!apiKey.isEmpty() && apiKey.length() < 16) {
            throw new IllegalArgumentException("key must have at least 16 characters (a random one: `openssl rand"
                    + " -hex 32`), got " + apiKey.length());
        }
    }

    /** The defaults of {@code config/simdex.yaml}: writes off until a key is set. */
    public static HttpOptions defaults() {
        return new HttpOptions(100, 4096, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_EXAMPLES, DEFAULT_MAX_BULK_BYTES, "");
    }

    /** Limits with the default body-text, example and bulk limits, and writes off. */
    public HttpOptions(int maxK, int maxQueryChars) {
        this(maxK, maxQueryChars, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_EXAMPLES);
    }

    /** Limits with the default bulk limit, and writes off. */
    public HttpOptions(int maxK, int maxQueryChars, int maxTextChars, int maxExamples) {
        this(maxK, maxQueryChars, maxTextChars, maxExamples, DEFAULT_MAX_BULK_BYTES, "");
    }

    /** These limits with writes opened by {@code key}. */
    public HttpOptions withApiKey(String key) {
        return new HttpOptions(maxK, maxQueryChars, maxTextChars, maxExamples, maxBulkBytes, key);
    }

    /** Whether a key is set, so the write endpoints are on. */
    public boolean writesEnabled() {
        return !apiKey.isEmpty();
    }

    /** The limits, never the key. */
    @Override
    public String toString() {
        return "HttpOptions[maxK=" + maxK + ", maxQueryChars=" + maxQueryChars + ", maxTextChars=" + maxTextChars
                + ", maxExamples=" + maxExamples + ", maxBulkBytes=" + maxBulkBytes + ", apiKey="
                + (apiKey.isEmpty() ? "(none)" : "(set)") + "]";
    }
}
