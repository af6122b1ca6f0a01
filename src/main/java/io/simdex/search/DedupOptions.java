package io.simdex.search;

import java.util.Objects;

/**
 * How the duplicate use cases answer: the bands of a verdict, how many matches a check returns, and how many
 * pairs an all-pairs scan may find before it gives up.
 */
public record DedupOptions(DuplicateBands bands, int matches, int maxPairs) {

    public DedupOptions {
        Objects.requireNonNull(bands, "bands");
        if (matches < 1) {
            throw new IllegalArgumentException("matches must be >= 1 but was " + matches);
        }
        if (maxPairs < 1) {
            throw new IllegalArgumentException("maxPairs must be >= 1 but was " + maxPairs);
        }
    }

    /** The defaults of {@code config/simdex.yaml}. */
    public static DedupOptions defaults() {
        return new DedupOptions(new DuplicateBands(0.97f, 0.86f, 0.67f, 0.35f), 5, 1_000_000);
    }
}
