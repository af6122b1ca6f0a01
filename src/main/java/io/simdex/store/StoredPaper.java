package io.simdex.store;

import io.simdex.corpus.Paper;

import java.time.Instant;
import java.util.Objects;

/**
 * A paper as the store holds it: the paper itself and its write history, whose {@code version} is what a
 * conditional write ({@code If-Match}) compares.
 *
 * @param paper     the paper; floating-point metadata numbers come back as {@link java.math.BigDecimal} with
 *                  the digits they were written with (as the corpus readers give them)
 * @param version   1 when created, one more on every change
 * @param createdAt when the paper was first stored, to the millisecond; kept when it is replaced
 * @param updatedAt when its content last changed, to the millisecond
 */
public record StoredPaper(Paper paper, long version, Instant createdAt, Instant updatedAt) {

    public StoredPaper {
        Objects.requireNonNull(paper, "paper");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The paper's id. */
    public String id() {
        return paper.id();
    }
}
