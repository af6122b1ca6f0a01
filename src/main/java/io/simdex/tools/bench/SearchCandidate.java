package io.simdex.tools.bench;

import java.util.Objects;

/**
 * One search configuration to measure.
 *
 * @param system the library, e.g. {@code simdex} or {@code Lucene 9.12.3}
 * @param variant the class or method measured, as a reader would look it up
 * @param storage how vectors are stored, e.g. {@code FLOAT32} or {@code INT8}
 * @param threads threads one query may use
 * @param maxVectors the largest {@code n} to build it for (memory or time limits)
 * @param whenTooLarge what the "skipped" line says above {@code maxVectors}, e.g. how to allow it
 * @param builder builds it from the vectors; the build is timed
 */
public record SearchCandidate(String system, String variant, String storage, int threads, long maxVectors,
                              String whenTooLarge, Builder builder) {

    /** Copies the vectors into the system's own structure. */
    @FunctionalInterface
    public interface Builder {
        BenchSearcher build(VectorSet vectors);
    }

    public SearchCandidate {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(whenTooLarge, "whenTooLarge");
        Objects.requireNonNull(builder, "builder");
        if (threads < 1 || maxVectors < 1) {
            throw new IllegalArgumentException("threads and maxVectors must be >= 1 but were " + threads
                    + " and " + maxVectors);
        }
    }

    /** A candidate with no size limit. */
    public static SearchCandidate unlimited(String system, String variant, String storage, int threads,
                                            Builder builder) {
        return new SearchCandidate(system, variant, storage, threads, Long.MAX_VALUE, "", builder);
    }

    public String label() {
        return system + " " + variant + " " + storage + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
