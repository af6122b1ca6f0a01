package io.simdex.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the collection lives on disk and how hard each commit is pushed to it: the store stage's options,
 * validated on construction (each message names the setting by its key within {@code store.*}).
 *
 * @param path the SQLite database file; its parent folders are created on open
 * @param sync how a commit reaches the disk, {@link Sync#FULL} or {@link Sync#NORMAL}
 */
public record StoreOptions(Path path, Sync sync) {

    /** The database file when none is configured, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of("data", "simdex.db");

    /** SQLite's {@code synchronous} setting; the journal is always write-ahead (WAL). */
    public enum Sync {
        /**
         * Every commit is fsynced before it is acknowledged: it survives a crash of the process and of the
         * machine (power loss).
         */
        FULL,
        /**
         * Commits are fsynced at checkpoints only: they survive a crash of the process (kill -9), but the last
         * ones may be lost, never half-applied, if the machine loses power. Faster for bulk imports.
         */
        NORMAL;

        /**
         * The mode named by a setting value, case-insensitively.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Sync parse(String value) {
            for (Sync sync : values()) {
                if (value != null && sync.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                    return sync;
                }
            }
            throw new IllegalArgumentException("sync must be 'full' or 'normal', got '" + value + "'");
        }
    }

    public StoreOptions {
        if (path == null || path.toString().isBlank()) {
            throw new IllegalArgumentException("path must name a database file, got '"
                    + Objects.requireNonNullElse(path, "") + "'");
        }
        if (sync == null) {
            throw new IllegalArgumentException("sync must be 'full' or 'normal', got nothing");
        }
    }

    /** {@link #DEFAULT_PATH} with {@link Sync#FULL}: every acknowledged write survives a power loss. */
    public static StoreOptions defaults() {
        return new StoreOptions(DEFAULT_PATH, Sync.FULL);
    }

    /** A copy with another {@code path}; validated like the constructor. */
    public StoreOptions withPath(Path path) {
        return new StoreOptions(path, sync);
    }

    /** A copy with another {@code sync}; validated like the constructor. */
    public StoreOptions withSync(Sync sync) {
        return new StoreOptions(path, sync);
    }
}
