package io.simdex.config;

import io.simdex.dedup.DedupOptions;
import io.simdex.encode.EncoderOptions;
import io.simdex.encode.Precision;
import io.simdex.encode.PrecisionChoice;
import io.simdex.http.HttpOptions;
import io.simdex.index.IndexOptions;
import io.simdex.search.SearchOptions;
import io.simdex.store.StoreOptions;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting simdex reads, as one immutable tree; built once at start by {@link SettingsLoader} and passed
 * down, never read from a static. Each stage's section is that stage's own options record, which validates
 * itself; only what the composition root alone uses (where to listen, where the papers and the vector cache are)
 * is defined here.
 *
 * @param server where the HTTP server listens ({@code server.*})
 * @param model  the encoder's options ({@code model.*})
 * @param index  the vector index's options ({@code index.*})
 * @param corpus where the papers come from ({@code corpus.*})
 * @param api    the HTTP API's limits ({@code api.*})
 * @param search free-text search's options ({@code search.*})
 * @param dedup  the duplicate bands and limits ({@code dedup.*})
 * @param cache  the evaluation's on-disk vector cache ({@code cache.*})
 * @param store  where the collection lives ({@code store.*})
 * @param precision how {@code model.precision} was resolved, for {@link #forCollection}
 */
public record Settings(Server server, EncoderOptions model, IndexOptions index, Corpus corpus, HttpOptions api,
                       SearchOptions search, DedupOptions dedup, Cache cache, StoreOptions store,
                       PrecisionSetting precision) {

    public Settings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(dedup, "dedup");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(precision, "precision");
        if (precision.choice().precision() != model.precision()) {
            throw new IllegalArgumentException("the precision choice (" + precision.choice().describe()
                    + ") is not the model's (" + model.precision() + ")");
        }
    }

    /**
     * These settings for a collection whose vectors were made at {@code made} (empty: a new or empty collection):
     * with {@code model.precision: auto}, the model and the duplicate-check thresholds of the collection's precision,
     * so an existing collection keeps the precision it was made with; otherwise (an explicit precision, or a model of
     * your own with no export at the collection's precision) these settings as they are.
     */
    public Settings forCollection(Optional<Precision> made) {
        PrecisionChoice chosen = precision.choice().forCollection(made);
        if (chosen.precision() == model.precision() || precision.other().isEmpty()) {
            return this;
        }
        AtPrecision other = precision.other().get();
        return new Settings(server, other.model(), index, corpus, api, search, other.dedup(), cache, store,
                new PrecisionSetting(chosen, Optional.of(new AtPrecision(model, dedup))));
    }

    /**
     * How {@code model.precision} was resolved.
     *
     * @param choice the precision of {@link Settings#model()}, and why
     * @param other  with {@code auto}: the model and duplicate-check sections at the precision auto did not pick, so a
     *               collection made at it can keep it; empty when the setting named a precision
     */
    public record PrecisionSetting(PrecisionChoice choice, Optional<AtPrecision> other) {
        public PrecisionSetting {
            Objects.requireNonNull(choice, "choice");
            Objects.requireNonNull(other, "other");
        }
    }

    /** The sections that depend on the precision (the model's folder, the calibrated duplicate thresholds) at one. */
    public record AtPrecision(EncoderOptions model, DedupOptions dedup) {
        public AtPrecision {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(dedup, "dedup");
        }
    }

    /**
     * Where the HTTP server listens, and how long a stop lets requests in flight finish.
     *
     * @param shutdownTimeoutSeconds on stop (SIGTERM, Ctrl-C), how long requests already running may take to
     *                               finish while new ones are turned away; then the rest are cut off
     */
    public record Server(String host, int port, int shutdownTimeoutSeconds) {
        public Server {
            if (host == null || host.isBlank()) {
                throw new SettingsException("server.host must not be blank");
            }
            if (port < 0 || port > 65_535) {
                throw new SettingsException("server.port must be 0..65535 (0 picks a free port), got " + port);
            }
            if (shutdownTimeoutSeconds < 0 || shutdownTimeoutSeconds > 600) {
                throw new SettingsException("server.shutdown-timeout must be 0..600 seconds, got "
                        + shutdownTimeoutSeconds);
            }
        }
    }

    /** Where the papers of a new store come from: imported on first start, when the store is empty. */
    public record Corpus(String path, boolean strict) {
        public Corpus {
            if (path == null || path.isBlank()) {
                throw new SettingsException("corpus.path must be 'bundled' or a folder, page (.txt) or .jsonl file");
            }
        }
    }

    /** The on-disk vector cache of {@code simdex eval}, so a second evaluation only searches. */
    public record Cache(boolean enabled, Path dir) {
        public Cache {
            Objects.requireNonNull(dir, "cache.dir");
        }
    }
}
