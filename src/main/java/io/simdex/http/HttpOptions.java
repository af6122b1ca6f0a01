package io.simdex.http;

import java.util.List;
import java.util.Objects;

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
 * @param corsOrigins   origins (scheme, host and port, e.g. {@code https://lab.example.org}) whose pages may call
 *                      the API from a browser; empty: none, as by default
 * @param bounds        how much work and time one request and the server as a whole may take
 */
public record HttpOptions(int maxK, int maxQueryChars, int maxTextChars, int maxExamples, int maxBulkBytes,
                          String apiKey, List<String> corsOrigins, Bounds bounds) {

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
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
        for (String origin : corsOrigins) {
            if (!origin.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
                throw new IllegalArgumentException("cors-origins must list origins such as https://lab.example.org"
                        + " (scheme, host and optional port, no path or trailing slash), got '" + origin + "'");
            }
        }
        Objects.requireNonNull(bounds, "bounds");
        if (!apiKey.isEmpty() && apiKey.length() < 16) {
            throw new IllegalArgumentException("key must have at least 16 characters (a random one: `openssl rand"
                    + " -hex 32`), got " + apiKey.length());
        }
    }

    /** The defaults of {@code config/simdex.yaml}: writes off until a key is set. */
    public static HttpOptions defaults() {
        return new HttpOptions(100, 4096, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_EXAMPLES, DEFAULT_MAX_BULK_BYTES, "",
                List.of(), Bounds.defaults());
    }

    /** Limits with the default body-text, example and bulk limits, and writes off. */
    public HttpOptions(int maxK, int maxQueryChars) {
        this(maxK, maxQueryChars, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_EXAMPLES);
    }

    /** Limits with the default bulk limit, and writes off. */
    public HttpOptions(int maxK, int maxQueryChars, int maxTextChars, int maxExamples) {
        this(maxK, maxQueryChars, maxTextChars, maxExamples, DEFAULT_MAX_BULK_BYTES, "", List.of(), Bounds.defaults());
    }

    /** These limits with writes opened by {@code key}. */
    public HttpOptions withApiKey(String key) {
        return new HttpOptions(maxK, maxQueryChars, maxTextChars, maxExamples, maxBulkBytes, key, corsOrigins,
                bounds);
    }

    /** These limits with other bounds on work and time. */
    public HttpOptions withBounds(Bounds other) {
        return new HttpOptions(maxK, maxQueryChars, maxTextChars, maxExamples, maxBulkBytes, apiKey, corsOrigins,
                other);
    }

    /** These limits with browser pages from {@code origins} allowed to call the API. */
    public HttpOptions withCorsOrigins(List<String> origins) {
        return new HttpOptions(maxK, maxQueryChars, maxTextChars, maxExamples, maxBulkBytes, apiKey, origins,
                bounds);
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
                + (apiKey.isEmpty() ? "(none)" : "(set)") + ", corsOrigins=" + corsOrigins + ", bounds=" + bounds + "]";
    }

    /**
     * How much work and time requests may take, so that no client, slow or greedy, can starve the others.
     *
     * @param maxConcurrentEncodes  requests that encode text ({@code api.max-concurrent-encodes}) running at once
     * @param maxQueuedEncodes      such requests waiting for their turn ({@code api.max-queued-encodes}); beyond
     *                              that they are refused with 429 and {@code Retry-After}
     * @param maxQueueWaitMillis    the longest estimated wait a request is let in to wait for its turn
     *                              ({@code api.max-queue-wait}), or {@link #QUEUE_WAIT_AUTO} for the request's own
     *                              expected service time; one estimated to wait longer gets 429 and
     *                              {@code Retry-After}
     * @param requestTimeoutSeconds the most a request may wait for its turn ({@code api.request-timeout}); it is
     *                              refused with 503 after that, and a request whose client has gone is dropped
     * @param idleTimeoutSeconds    a connection with no bytes moving for this long is closed
     *                              ({@code api.idle-timeout})
     * @param minBodyRate           bytes per second a client must keep sending a request body at
     *                              ({@code api.min-body-rate}); a slower one is cut off with 408
     * @param maxResponseBytes      the largest answer sent ({@code api.max-response-bytes}); a larger one is
     *                              refused with 413 saying how to ask for less
     */
    public record Bounds(int maxConcurrentEncodes, int maxQueuedEncodes, int maxQueueWaitMillis,
                         int requestTimeoutSeconds, int idleTimeoutSeconds, int minBodyRate, int maxResponseBytes) {

        /** {@link #maxQueueWaitMillis()} for {@code auto}: a request may wait about as long as it takes to run. */
        public static final int QUEUE_WAIT_AUTO = -1;

        public Bounds {
            check("max-concurrent-encodes", maxConcurrentEncodes, 1, 1024);
            check("max-queued-encodes", maxQueuedEncodes, 0, 100_000);
            if (maxQueueWaitMillis != QUEUE_WAIT_AUTO) {
                check("max-queue-wait", maxQueueWaitMillis, 0, 3_600_000);
            }
            check("request-timeout", requestTimeoutSeconds, 1, 3600);
            check("idle-timeout", idleTimeoutSeconds, 1, 3600);
            check("min-body-rate", minBodyRate, 0, 1 << 30);
            check("max-response-bytes", maxResponseBytes, 1024, 1 << 30);
        }

        /** These bounds with the {@code auto} queue-wait budget. */
        public Bounds(int maxConcurrentEncodes, int maxQueuedEncodes, int requestTimeoutSeconds,
                      int idleTimeoutSeconds, int minBodyRate, int maxResponseBytes) {
            this(maxConcurrentEncodes, maxQueuedEncodes, QUEUE_WAIT_AUTO, requestTimeoutSeconds, idleTimeoutSeconds,
                    minBodyRate, maxResponseBytes);
        }

        /** The defaults of {@code config/simdex.yaml}. */
        public static Bounds defaults() {
            return new Bounds(2, 4, QUEUE_WAIT_AUTO, 30, 30, 1024, 8 * 1024 * 1024);
        }

        private static void check(String name, int value, int least, int most) {
            if (value < least || value > most) {
                throw new IllegalArgumentException(name + " must be " + least + ".." + most + ", got " + value);
            }
        }
    }
}
