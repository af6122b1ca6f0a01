package io.simdex.store;

import java.util.OptionalLong;

/**
 * A conditional write expected another version of the paper than the stored one (or expected a paper that does
 * not exist); nothing was written. An HTTP layer answers 412 Precondition Failed with {@link #current()}.
 */
public final class VersionConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final long expected;
    /** The stored version; 0 when there is no such paper. */
    private final long current;

    public VersionConflictException(String id, long expected, long current) {
        super(current == 0
                ? "paper '" + id + "' does not exist, but version " + expected + " was expected"
                : expected == 0
                        ? "paper '" + id + "' already exists at version " + current + ", but no paper was expected"
                        : "paper '" + id + "' is at version " + current + ", but version " + expected
                                + " was expected");
        this.id = id;
        this.expected = expected;
        this.current = current;
    }

    /** The paper's id. */
    public String id() {
        return id;
    }

    /** The version the caller expected; 0 for "must not exist". */
    public long expected() {
        return expected;
    }

    /** The stored version; empty when there is no paper with this id. */
    public OptionalLong current() {
        return current == 0 ? OptionalLong.empty() : OptionalLong.of(current);
    }
}
