package io.simdex.store;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A batch write to a store without transactions (Elasticsearch) stored some papers but not others: each failed
 * paper is named with its reason, nothing is dropped in silence. Retrying the batch is safe: stored papers come
 * back unchanged.
 */
public final class PartialWriteException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> failures;

    /** @param failures the reason per paper id that was not stored, in batch order */
    public PartialWriteException(int written, Map<String, String> failures) {
        super(failures.size() + " of " + (written + failures.size()) + " papers were not stored ("
                + failures.entrySet().stream().limit(20).map(f -> "'" + f.getKey() + "': " + f.getValue())
                        .collect(Collectors.joining("; "))
                + (failures.size() > 20 ? "; ..." : "") + "); the other " + written
                + " were stored, and writing the batch again is safe");
        this.failures = Map.copyOf(failures);
    }

    /** The reason per paper id that was not stored. */
    public Map<String, String> failures() {
        return failures;
    }

    /** The ids that were not stored. */
    public List<String> failedIds() {
        return List.copyOf(failures.keySet());
    }
}
