package io.simdex.corpus;

import java.util.List;
import java.util.Optional;

/**
 * Papers by id, as the use cases read them: a fixed {@link Corpus}, or a live collection that changes while it
 * serves. Implementations are safe for concurrent reads.
 */
public interface Papers {

    /** The paper with this id, or empty if there is none (also for a null id). */
    Optional<Paper> find(String id);

    /** Every paper, sorted by id; a snapshot, unmodifiable. */
    List<Paper> papers();

    /** How many papers there are. */
    int size();
}
