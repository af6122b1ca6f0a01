package io.simdex.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Every setting simdex reads, as one immutable tree; built once at start by {@link SettingsLoader}
 * and passed down, never read from a static.
 */
public record Settings(Server server, Model model, Corpus corpus, Api api, Cache cache) {

    public Settings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(cache, "cache");
    }

    /** Where the HTTP server listens. */
    public record Server(String host, int port) {
        public Server {
            if (host == null || host.isBlank()) {
                throw new SettingsException("server.host must not be blank");
            }
            if (port < 0 || port > 65_535) {
                throw new SettingsException("server.port must be 0..65535 (0 picks a free port), got " + port);
            }
        }
    }

    /** Which embedding model runs, and how it is run. */
    public record Model(
            String name,
            Path dir,
            int maxTokens,
            Pooling pooling,
            int workers,
            int threadsPerWorker,
            int batchSize) {
        /** The most positions a BERT-style encoder of this family accepts. */
        public static final int MODEL_MAX_POSITIONS = 512;

        public Model {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new SettingsException("model.name must be a folder name such as all-minilm-l6-v2, got '" + name + "'");
            }
            Objects.requireNonNull(dir, "model.dir");
            Objects.requireNonNull(pooling, "model.pooling");
            if (maxTokens < 8 || maxTokens > MODEL_MAX_POSITIONS) {
                throw new SettingsException(
                        "model.max-tokens must be 8.." + MODEL_MAX_POSITIONS + ", got " + maxTokens);
            }
            if (workers < 1 || workers > 64) {
                throw new SettingsException("model.workers must be 1..64, got " + workers);
            }
            if (threadsPerWorker < 1 || threadsPerWorker > 64) {
                throw new SettingsException("model.threads-per-worker must be 1..64, got " + threadsPerWorker);
            }
            if (batchSize < 1 || batchSize > 256) {
                throw new SettingsException("model.batch-size must be 1..256, got " + batchSize);
            }
        }
    }

    /** How token vectors become one text vector. */
    public enum Pooling {
        /** Average of the token vectors under the attention mask (all-MiniLM-L6-v2). */
        MEAN,
        /** The first ([CLS]) token's vector (BGE models). */
        CLS;

        static Pooling parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SettingsException("model.pooling must be 'mean' or 'cls', got '" + value + "'");
            }
        }
    }

    /** Where the papers come from. */
    public record Corpus(String path, boolean strict) {
        public Corpus {
            if (path == null || path.isBlank()) {
                throw new SettingsException("corpus.path must be 'bundled' or a folder, page (.txt) or .jsonl file");
            }
        }
    }

    /** Limits the HTTP API enforces on each request. */
    public record Api(int maxK, int maxQueryChars) {
        public Api {
            if (maxK < 1 || maxK > 10_000) {
                throw new SettingsException("api.max-k must be 1..10000, got " + maxK);
            }
            if (maxQueryChars < 1 || maxQueryChars > 100_000) {
                throw new SettingsException("api.max-query-chars must be 1..100000, got " + maxQueryChars);
            }
        }
    }

    /** The on-disk embedding cache that lets a restart skip re-encoding. */
    public record Cache(boolean enabled, Path dir) {
        public Cache {
            Objects.requireNonNull(dir, "cache.dir");
        }
    }
}
