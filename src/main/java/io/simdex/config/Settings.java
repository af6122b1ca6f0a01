package io.simdex.config;

import io.simdex.search.SearchMode;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Every setting simdex reads, as one immutable tree; built once at start by {@link SettingsLoader}
 * and passed down, never read from a static.
 */
public record Settings(Server server, Model model, Index index, Corpus corpus, Api api, Search search, Dedup dedup,
                       Cache cache) {

    public Settings {
        Objects.requireNonNull(dedup, "dedup");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(search, "search");
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

    /**
     * Which embedding model runs, and how it is run.
     *
     * @param name             the model's folder name under the model cache, e.g. {@code all-minilm-l6-v2}
     * @param dir              the folder holding {@code model.onnx} and {@code tokenizer.json}
     * @param precision        which weights {@code dir} holds: fp32, or the int8-quantized export
     * @param maxTokens        tokens per model input, [CLS] and [SEP] included
     * @param pooling          how token vectors become one text vector
     * @param workers          encoding threads, each with its own predictor (ONNX Runtime session run)
     * @param threadsPerWorker ONNX Runtime intra-op threads per worker
     * @param batchSize        texts per model call when indexing
     * @param optimization     ONNX Runtime graph optimization level
     * @param longTexts        what happens to a text longer than {@code maxTokens}
     * @param chunkOverlap     with {@link LongTexts#CHUNK}, tokens shared by consecutive windows
     * @param normalize        whether pooled vectors are L2-normalized (from the model's descriptor)
     * @param queryInstruction put in front of free-text search queries only; empty for none
     */
    public record Model(
            String name,
            Path dir,
            Precision precision,
            int maxTokens,
            Pooling pooling,
            int workers,
            int threadsPerWorker,
            int batchSize,
            Optimization optimization,
            LongTexts longTexts,
            int chunkOverlap,
            boolean normalize,
            String queryInstruction) {
        /** The most positions a BERT-style encoder of this family accepts. */
        public static final int MODEL_MAX_POSITIONS = 512;

        public Model {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new SettingsException("model.name must be a folder name such as all-minilm-l6-v2, got '" + name + "'");
            }
            Objects.requireNonNull(dir, "model.dir");
            Objects.requireNonNull(precision, "model.precision");
            Objects.requireNonNull(pooling, "model.pooling");
            Objects.requireNonNull(optimization, "model.optimization");
            Objects.requireNonNull(longTexts, "model.long-texts");
            Objects.requireNonNull(queryInstruction, "query-instruction");
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
            if (chunkOverlap < 0 || chunkOverlap > (maxTokens - 2) / 2) {
                throw new SettingsException("model.chunk-overlap must be 0.." + (maxTokens - 2) / 2
                        + " (at most half a window of max-tokens - 2), got " + chunkOverlap);
            }
        }

        /** A model run with the default precision (fp32), optimization, truncation and thread settings given. */
        public Model(String name, Path dir, int maxTokens, Pooling pooling, int workers, int threadsPerWorker,
                     int batchSize) {
            this(name, dir, Precision.FP32, maxTokens, pooling, workers, threadsPerWorker, batchSize,
                    Optimization.ALL, LongTexts.TRUNCATE, 0, true, "");
        }

        /** A copy that runs with other thread settings. */
        public Model withThreads(int workers, int threadsPerWorker) {
            return new Model(name, dir, precision, maxTokens, pooling, workers, threadsPerWorker, batchSize,
                    optimization, longTexts, chunkOverlap, normalize, queryInstruction);
        }

        /** A copy that puts {@code instruction} in front of search queries. */
        public Model withQueryInstruction(String instruction) {
            return new Model(name, dir, precision, maxTokens, pooling, workers, threadsPerWorker, batchSize,
                    optimization, longTexts, chunkOverlap, normalize, instruction);
        }

        /** A copy that handles long texts differently. */
        public Model withLongTexts(LongTexts longTexts, int chunkOverlap) {
            return new Model(name, dir, precision, maxTokens, pooling, workers, threadsPerWorker, batchSize,
                    optimization, longTexts, chunkOverlap, normalize, queryInstruction);
        }
    }

    /** Which weights a model folder holds. */
    public enum Precision {
        /** The original 32-bit float weights. */
        FP32(""),
        /** Weights quantized to 8-bit integers: about 2× faster on CPUs, cosine ≥ 0.98 to fp32. */
        INT8("-q");

        private final String folderSuffix;

        Precision(String folderSuffix) {
            this.folderSuffix = folderSuffix;
        }

        /** The model folder for this precision: the int8 export sits in {@code <name>-q}. */
        public String folder(String modelName) {
            return modelName + folderSuffix;
        }

        static Precision parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "fp32" -> FP32;
                case "int8" -> INT8;
                default -> throw new SettingsException("model.precision must be 'fp32' or 'int8', got '" + value + "'");
            };
        }
    }

    /** ONNX Runtime's graph optimization levels. */
    public enum Optimization {
        /** No graph rewrites. */
        NONE,
        /** Constant folding and redundant-node removal. */
        BASIC,
        /** Plus operator fusions such as attention and GELU. */
        EXTENDED,
        /** Plus layout optimizations: ONNX Runtime's own default. */
        ALL;

        static Optimization parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(
                        "model.optimization must be one of none, basic, extended, all, got '" + value + "'");
            }
        }
    }

    /** What happens to a text longer than the model's token budget. */
    public enum LongTexts {
        /** Keep [CLS], the first max-tokens − 2 tokens and [SEP]; the response says the text was truncated. */
        TRUNCATE,
        /** Encode overlapping windows of max-tokens and average their vectors: the whole text counts. */
        CHUNK;

        static LongTexts parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SettingsException("model.long-texts must be 'truncate' or 'chunk', got '" + value + "'");
            }
        }
    }

    /**
     * How the vector index stores and scans vectors.
     *
     * @param threads    threads that share one scan over a large index; 0 means one per core
     * @param storage    float32 (exact scan), or int8 codes scanned first and rescored exactly
     * @param oversample with int8 storage, how many candidates per requested hit are rescored
     * @param spillDir   with int8 storage, the folder of the memory-mapped temporary file that keeps the
     *                   float vectors used for rescoring
     */
    public record Index(int threads, Storage storage, int oversample, Path spillDir) {
        public Index {
            if (threads < 0 || threads > 256) {
                throw new SettingsException("index.threads must be 0..256 (0: one per core), got " + threads);
            }
            Objects.requireNonNull(storage, "index.storage");
            if (oversample < 1 || oversample > 100) {
                throw new SettingsException("index.oversample must be 1..100, got " + oversample);
            }
            Objects.requireNonNull(spillDir, "index.spill-dir");
        }

        /** The thread count to use: {@link #threads()}, or the number of cores when it is 0. */
        public int effectiveThreads() {
            return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }
    }

    /** How the index holds vectors. */
    public enum Storage {
        /** 4 bytes per component, exact scan. */
        FLOAT32,
        /** 1 byte per component on the heap, float copies on disk for exact rescoring. */
        INT8;

        static Storage parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SettingsException("index.storage must be 'float32' or 'int8', got '" + value + "'");
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

    /**
     * Limits the HTTP API enforces on each request.
     *
     * @param maxK          largest {@code k} a request may ask for
     * @param maxQueryChars longest free-text search query ({@code q}), in characters
     * @param maxTextChars  longest text in a request body (title and abstract together), in characters
     * @param maxExamples   most paper ids a recommend request may list as positive and negative examples
     */
    public record Api(int maxK, int maxQueryChars, int maxTextChars, int maxExamples) {
        public Api {
            if (maxK < 1 || maxK > 10_000) {
                throw new SettingsException("api.max-k must be 1..10000, got " + maxK);
            }
            if (maxQueryChars < 1 || maxQueryChars > 100_000) {
                throw new SettingsException("api.max-query-chars must be 1..100000, got " + maxQueryChars);
            }
            if (maxTextChars < 1 || maxTextChars > 1_000_000) {
                throw new SettingsException("api.max-text-chars must be 1..1000000, got " + maxTextChars);
            }
            if (maxExamples < 1 || maxExamples > 10_000) {
                throw new SettingsException("api.max-examples must be 1..10000, got " + maxExamples);
            }
        }

        /** Limits with the default body-text and example limits. */
        public Api(int maxK, int maxQueryChars) {
            this(maxK, maxQueryChars, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_EXAMPLES);
        }

        static final int DEFAULT_MAX_TEXT_CHARS = 20_000;
        static final int DEFAULT_MAX_EXAMPLES = 100;
    }

    /**
     * Free-text search ({@code GET /api/search}): the mode used when a request names none, and hybrid fusion.
     *
     * @param mode       how {@code GET /api/search} ranks when the request has no {@code mode}
     * @param rrfK       the constant k of reciprocal rank fusion, which scores a paper {@code Σ 1/(k + rank)} over
     *                   the vector and lexical rankings; the larger k, the less a top rank outweighs the next ones
     * @param candidates how deep each ranking goes before fusion: the best {@code max(k, candidates)} papers of each
     */
    public record Search(SearchMode mode, int rrfK, int candidates) {
        public Search {
            Objects.requireNonNull(mode, "search.mode");
            if (rrfK < 1 || rrfK > 100_000) {
                throw new SettingsException("search.rrf-k must be 1..100000, got " + rrfK);
            }
            if (candidates < 1 || candidates > 10_000) {
                throw new SettingsException("search.candidates must be 1..10000, got " + candidates);
            }
        }

        static SearchMode parseMode(String value) {
            return SearchMode.byLabel(value).orElseThrow(() -> new SettingsException(
                    "search.mode must be one of " + SearchMode.labels() + ", got '" + value + "'"));
        }
    }

    /**
     * Duplicate detection: the cosine bands of a verdict and the limits of the all-pairs scan.
     *
     * <p>A match scoring at least {@code duplicate} is a duplicate, at least {@code nearDuplicate} a near
     * duplicate, at least {@code related} related; below that the text is new. docs/DEDUP.md says how the
     * defaults were calibrated.
     *
     * @param duplicate     lower bound of the duplicate band
     * @param nearDuplicate lower bound of the near-duplicate band, and the default threshold of duplicate clusters
     * @param related       lower bound of the related band
     * @param copiedText    word 3-gram containment from which a match counts as copied text, one band higher
     * @param matches       most matches a duplicate check returns
     * @param maxPairs      most pairs an all-pairs scan may find before it stops and asks for a higher threshold
     */
    public record Dedup(float duplicate, float nearDuplicate, float related, float copiedText, int matches,
                        int maxPairs) {
        public Dedup {
            if (!(related > 0f && related < nearDuplicate && nearDuplicate < duplicate && duplicate <= 1f)) {
                throw new SettingsException("dedup thresholds must satisfy 0 < related < near-duplicate < duplicate"
                        + " <= 1, got related " + related + ", near-duplicate " + nearDuplicate + ", duplicate "
                        + duplicate);
            }
            if (!(copiedText > 0f && copiedText <= 1f)) {
                throw new SettingsException("dedup.copied-text must be above 0 and at most 1, got " + copiedText);
            }
            if (matches < 1 || matches > 1_000) {
                throw new SettingsException("dedup.matches must be 1..1000, got " + matches);
            }
            if (maxPairs < 1) {
                throw new SettingsException("dedup.max-pairs must be at least 1, got " + maxPairs);
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
