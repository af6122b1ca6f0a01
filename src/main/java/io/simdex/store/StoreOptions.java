package io.simdex.store;

import io.simdex.store.elastic.ElasticOptions;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the collection lives on disk and how hard each commit is pushed to it: the store stage's options,
 * validated on construction (each message names the setting by its key within {@code store.*}).
 *
 * @param path          the SQLite database file; its parent folders are created on open
 * @param sync          how a commit reaches the disk, {@link Sync#FULL} or {@link Sync#NORMAL}
 * @param backend       where the collection lives: SQLite on this machine, or an Elasticsearch cluster
 * @param elasticsearch the cluster and index, present exactly when {@code backend} is
 *                      {@link Backend#ELASTICSEARCH}
 */
public record StoreOptions(Path path, Sync sync, Backend backend, Optional<ElasticOptions> elasticsearch) {

    /** Where the collection lives ({@code store.backend}). */
    public enum Backend {
        /** A SQLite file on this machine, with the indexes in memory. */
        SQLITE,
        /** An Elasticsearch index: papers, vectors and BM25 terms in the cluster ({@code elasticsearch.*}). */
        ELASTICSEARCH;

        /**
         * The backend a setting names, case-insensitively.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Backend parse(String value) {
            for (Backend backend : values()) {
                if (value != null && backend.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                    return backend;
                }
            }
            throw new IllegalArgumentException("backend must be 'sqlite' or 'elasticsearch', got '" + value + "'");
        }
    }

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
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(elasticsearch, "elasticsearch");
        if ((backend == Backend.ELASTICSEARCH) != elasticsearch.isPresent()) {
            throw new IllegalArgumentException("backend is " + backend.name().toLowerCase(Locale.ROOT)
                    + (elasticsearch.isPresent() ? ", but Elasticsearch options were given"
                            : ", but elasticsearch.url is not set"));
        }
    }

    /** A SQLite store at {@code path}. */
    public StoreOptions(Path path, Sync sync) {
        this(path, sync, Backend.SQLITE, Optional.empty());
    }

    /** {@link #DEFAULT_PATH} with {@link Sync#FULL}: every acknowledged write survives a power loss. */
    public static StoreOptions defaults() {
        return new StoreOptions(DEFAULT_PATH, Sync.FULL);
    }

    /** A copy with another {@code path}; validated like the constructor. */
    public StoreOptions withPath(Path path) {
        return new StoreOptions(path, sync, backend, elasticsearch);
    }

    /** A copy with another {@code sync}; validated like the constructor. */
    public StoreOptions withSync(Sync sync) {
        return new StoreOptions(path, sync, backend, elasticsearch);
    }

    /** A copy that keeps the collection in the Elasticsearch index {@code options} names. */
    public StoreOptions withElasticsearch(ElasticOptions options) {
        return new StoreOptions(path, sync, Backend.ELASTICSEARCH, Optional.of(options));
    }
}
