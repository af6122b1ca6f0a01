package io.simdex.store;

/**
 * A snapshot cannot be written or restored: its file already exists, its checksum is missing or does not match,
 * or it fails SQLite's check. The message names the file and what to do; the target is left as it was.
 */
public final class SnapshotException extends StoreException {

    private static final long serialVersionUID = 1L;

    SnapshotException(String message) {
        super(message);
    }

    SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
