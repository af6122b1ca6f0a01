package io.simdex.store;

import java.util.Objects;

/**
 * What a write of one paper did, and the paper as it is now stored.
 *
 * @param outcome whether the paper was created, replaced, or already held exactly this content
 * @param stored  the paper after the write, with its version and timestamps
 */
public record WriteResult(Outcome outcome, StoredPaper stored) {

    /** What a write did to the paper's row. */
    public enum Outcome {
        /** There was no paper with this id; it now has version 1. */
        CREATED,
        /** The paper's content changed; its version went up by one and {@code updatedAt} moved. */
        REPLACED,
        /**
         * The store already held exactly this content: the paper's row, version and timestamps are kept (an
         * embedding given with it is still stored).
         */
        UNCHANGED
    }

    public WriteResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stored, "stored");
    }
}
