package io.simdex.dedup;

import java.util.Objects;

/**
 * How the duplicate use cases answer: the bands of a verdict, when a related match is a rewrite, how many matches a
 * check returns, and how many pairs an all-pairs scan may find before it gives up: the dedup stage's options (each
 * message names the setting by its key within {@code dedup.*}). docs/DEDUP.md says how the defaults were
 * calibrated.
 */
public record DedupOptions(DuplicateBands bands, RewriteRule rewrites, int matches, int maxPairs) {

    /** The most matches a check may return. */
    public static final int MAX_MATCHES = 1_000;

    public DedupOptions {
        Objects.requireNonNull(bands, "bands");
        Objects.requireNonNull(rewrites, "rewrites");
        if (matches < 1 || matches > MAX_MATCHES) {
            throw new IllegalArgumentException("matches must be 1.." + MAX_MATCHES + ", got " + matches);
        }
        if (maxPairs < 1) {
            throw new IllegalArgumentException("max-pairs must be at least 1, got " + maxPairs);
        }
    }

    /** Options with the default rewrite rule. */
    public DedupOptions(DuplicateBands bands, int matches, int maxPairs) {
        this(bands, defaultRewrites(), matches, maxPairs);
    }

    /** The defaults of {@code config/simdex.yaml}. */
    public static DedupOptions defaults() {
        return new DedupOptions(new DuplicateBands(0.97f, 0.86f, 0.67f, 0.35f), 5, 1_000_000);
    }

    /** The rewrite rule of {@code config/simdex.yaml}. */
    public static RewriteRule defaultRewrites() {
        return new RewriteRule(0.725f, 0.52f, 1.0f);
    }
}
