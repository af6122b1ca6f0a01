package io.simdex.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.simdex.dedup.DedupOptions;
import io.simdex.dedup.DuplicateBands;
import io.simdex.dedup.RewriteRule;
import io.simdex.encode.CpuFeatures;
import io.simdex.encode.EncoderOptions;
import io.simdex.encode.LongTexts;
import io.simdex.encode.Optimization;
import io.simdex.encode.Pooling;
import io.simdex.encode.Pools;
import io.simdex.encode.Precision;
import io.simdex.encode.PrecisionChoice;
import io.simdex.http.HttpOptions;
import io.simdex.index.IndexOptions;
import io.simdex.search.Fusion;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;
import io.simdex.store.StoreOptions;
import io.simdex.store.elastic.ElasticOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Builds {@link Settings} from, in rising precedence: built-in defaults, a YAML file, {@code SIMDEX_*}
 * environment variables, and command-line overrides.
 *
 * <p>Keys are dotted paths ({@code server.port}); the environment variable of a key is {@code SIMDEX_}
 * plus the key upper-cased with dots and dashes turned into underscores ({@code SIMDEX_SERVER_PORT}).
 * An unknown key in the file or the overrides is an error, so a typo never passes silently. Relative
 * paths are resolved against the working directory.
 */
public final class SettingsLoader {

    /** The config file read when none is named. A missing default file means "defaults only". */
    public static final Path DEFAULT_FILE = Path.of("config", "simdex.yaml");

    /** The {@code dedup.*} settings that are calibrated per model and precision, in the documented order. */
    private static final List<String> DEDUP_CALIBRATED = List.of("duplicate", "near-duplicate", "related",
            "copied-text", "sentence-match", "aligned-sentences", "shared-specifics");

    /** Every key with its default; the iteration order is the documented order. */
    static final Map<String, String> DEFAULTS = defaults();

    private SettingsLoader() {
    }

    /**
     * Every key with its default, in the documented order. The stages' defaults come from their options records,
     * so each default is written once in code; {@code config/simdex.yaml} repeats them for people, and a test
     * checks that it agrees.
     */
    private static Map<String, String> defaults() {
        SearchOptions search = SearchOptions.defaults();
        DedupOptions dedup = DedupOptions.defaults();
        HttpOptions api = HttpOptions.defaults();
        var d = new LinkedHashMap<String, String>();
        d.put("server.host", "127.0.0.1");
        d.put("server.port", "7070");
        d.put("server.shutdown-timeout", "10"); // seconds
        d.put("model.name", "all-minilm-l6-v2");
        d.put("model.cache-dir", "model-cache");
        d.put("model.dir", "");                 // empty: <model.cache-dir>/<model.name>
        d.put("model.max-tokens", "");          // empty: the model descriptor's
        d.put("model.pooling", "");             // empty: the model descriptor's
        d.put("model.bulk-workers", "0");       // 0: one per core
        d.put("model.bulk-threads-per-worker", "1");
        d.put("model.query-threads", "0");      // 0: one per core
        d.put("model.batch-tokens", String.valueOf(Pools.DEFAULT_BATCH_TOKENS));
        d.put("model.precision", "auto");        // int8 where the CPU has fast int8, else fp32; a collection keeps its own
        d.put("model.optimization", "all");
        d.put("model.long-texts", "");          // empty: the model descriptor's
        d.put("model.chunk-overlap", "32");
        d.put("model.thread-spinning", String.valueOf(EncoderOptions.DEFAULT_THREAD_SPINNING));
        d.put("index.threads", "0");            // 0: one per core
        d.put("index.storage", "float32");
        d.put("index.oversample", String.valueOf(IndexOptions.DEFAULT_OVERSAMPLE));
        d.put("index.spill-dir", "");           // empty: the system temporary folder
        d.put("corpus.path", "bundled");
        d.put("corpus.strict", "false");
        d.put("api.max-k", String.valueOf(api.maxK()));
        d.put("api.max-query-chars", String.valueOf(api.maxQueryChars()));
        d.put("api.max-text-chars", String.valueOf(api.maxTextChars()));
        d.put("api.max-examples", String.valueOf(api.maxExamples()));
        d.put("api.max-bulk-bytes", String.valueOf(api.maxBulkBytes()));
        d.put("api.key", "");                   // empty: writes off; SIMDEX_API_KEY sets it from the environment
        d.put("api.cors-origins", "");          // comma-separated origins whose pages may call the API; empty: none
        HttpOptions.Bounds bounds = api.bounds();
        d.put("api.max-concurrent-encodes", String.valueOf(bounds.maxConcurrentEncodes()));
        d.put("api.max-queued-encodes", String.valueOf(bounds.maxQueuedEncodes()));
        d.put("api.max-queue-wait", "auto");     // ms a request may be estimated to wait for its turn; auto: its own service time
        d.put("api.request-timeout", String.valueOf(bounds.requestTimeoutSeconds()));
        d.put("api.idle-timeout", String.valueOf(bounds.idleTimeoutSeconds()));
        d.put("api.min-body-rate", String.valueOf(bounds.minBodyRate()));
        d.put("api.max-response-bytes", String.valueOf(bounds.maxResponseBytes()));
        d.put("search.mode", search.defaultMode().label());
        d.put("search.rrf-k", String.valueOf(search.rrfK()));
        d.put("search.candidates", String.valueOf(search.candidates()));
        d.put("search.max-explain-sentences", String.valueOf(search.maxExplainSentences()));
        d.put("search.max-explain-pairs", String.valueOf(search.maxExplainPairs()));
        d.put("search.query-cache-size", String.valueOf(search.queryCacheSize()));
        d.put("search.fusion", search.fusion().label());
        d.put("search.vector-weight", String.valueOf(search.vectorWeight()));
        d.put("search.full-coverage", String.valueOf(search.fullCoverage()));
        d.put("search.related-words-weight", String.valueOf(search.relatedWordsWeight()));
        d.put("search.related-title-weight", String.valueOf(search.relatedTitleWeight()));
        for (String key : DEDUP_CALIBRATED) {
            d.put("dedup." + key, "");          // empty: calibrated for the model and precision (its descriptor)
        }
        d.put("dedup.matches", String.valueOf(dedup.matches()));
        d.put("dedup.max-pairs", String.valueOf(dedup.maxPairs()));
        d.put("cache.enabled", "true");
        d.put("cache.dir", "");                 // empty: <model.cache-dir>/vectors
        d.put("store.path", StoreOptions.DEFAULT_PATH.toString());
        d.put("store.sync", "full");
        d.put("store.backend", "sqlite");
        d.put("elasticsearch.url", "");        // required when store.backend is elasticsearch
        d.put("elasticsearch.index", ElasticOptions.DEFAULT_INDEX);
        d.put("elasticsearch.shards", "1");
        d.put("elasticsearch.replicas", "0");
        d.put("elasticsearch.index-options", "flat");
        d.put("elasticsearch.api-key", "");
        d.put("elasticsearch.username", "");
        d.put("elasticsearch.password", "");
        d.put("elasticsearch.ca-certificate", "");
        d.put("elasticsearch.num-candidates", String.valueOf(ElasticOptions.Knn.DEFAULT.numCandidates()));
        d.put("elasticsearch.oversample", String.valueOf(ElasticOptions.Knn.DEFAULT.oversample()));
        return java.util.Collections.unmodifiableMap(d);
    }

    /**
     * Loads settings.
     *
     * @param file the YAML file, or {@code null} for {@link #DEFAULT_FILE} when it exists
     * @param env the environment, usually {@code System.getenv()}
     * @param overrides dotted keys to values, from command-line flags; highest precedence
     * @throws SettingsException naming the file, key or value that is wrong
     */
    public static Settings load(Path file, Map<String, String> env, Map<String, String> overrides) {
        return load(file, env, overrides, CpuFeatures.detect());
    }

    /**
     * Loads settings on a CPU with the features given ({@code model.precision: auto} reads them).
     *
     * @see #load(Path, Map, Map)
     */
    static Settings load(Path file, Map<String, String> env, Map<String, String> overrides, CpuFeatures cpu) {
        var values = new LinkedHashMap<>(DEFAULTS);
        Path source = file != null ? file : DEFAULT_FILE;
        if (Files.exists(source)) {
            values.putAll(readChecked(source));
        } else if (file != null) {
            throw new SettingsException("config file " + file.toAbsolutePath() + " does not exist");
        }
        for (String key : DEFAULTS.keySet()) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                values.put(key, fromEnv);
            }
        }
        putChecked(values, overrides, "command-line overrides");
        return build(values, cpu);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return "SIMDEX_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void putChecked(Map<String, String> values, Map<String, String> extra, String origin) {
        for (var e : extra.entrySet()) {
            if (!DEFAULTS.containsKey(e.getKey())) {
                throw new SettingsException("unknown setting '" + e.getKey() + "' in " + origin + "; "
                        + knownNear(e.getKey()));
            }
            values.put(e.getKey(), e.getValue());
        }
    }

    /** Settings of earlier versions that were replaced, with what replaced them, so an old file says how to fix it. */
    private static final Map<String, String> RENAMED = Map.of(
            "model.workers", "model.bulk-workers (imports) and model.query-threads (queries)",
            "model.threads-per-worker", "model.bulk-threads-per-worker (imports) and model.query-threads (queries)",
            "model.batch-size", "model.batch-tokens, a budget of padded tokens per batch");

    /** The file's settings, or a {@link SettingsException} that names the file, the line and the key. */
    private static Map<String, String> readChecked(Path file) {
        Map<String, String> read = readYaml(file);
        for (String key : read.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new SettingsException("unknown setting '" + key + "' in " + file
                        + YamlLines.lineOf(file, key).map(line -> ", line " + line).orElse("") + "; "
                        + knownNear(key));
            }
        }
        return read;
    }

    /** The known settings of {@code key}'s section, or the known sections when the section is unknown too. */
    private static String knownNear(String key) {
        String renamed = RENAMED.get(key);
        if (renamed != null) {
            return "it was replaced by " + renamed + " (see docs/CONFIGURATION.md)";
        }
        String section = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : key + ".";
        var inSection = DEFAULTS.keySet().stream().filter(k -> k.startsWith(section)).toList();
        if (!inSection.isEmpty()) {
            return (key.contains(".") ? "" : "'" + key + "' is a section, with settings under it; ")
                    + "known settings there: " + String.join(", ", inSection);
        }
        return "known sections: " + String.join(", ", DEFAULTS.keySet().stream()
                .map(k -> k.substring(0, k.indexOf('.'))).distinct().toList())
                + " (every setting is listed in docs/CONFIGURATION.md)";
    }

    static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw YamlLines.unreadable(file, e);
        }
        var flat = new LinkedHashMap<String, String>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return flat;
        }
        if (!root.isObject()) {
            throw new SettingsException("config file " + file + " must hold a YAML mapping of sections");
        }
        flatten("", root, flat, file);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, out, file);
            } else if (value.isArray()) {
                throw new SettingsException("setting '" + key + "' in " + file + " must be a single value, not a list");
            } else {
                out.put(key, value.isNull() ? "" : value.asText());
            }
        }
    }

    private static Settings build(Map<String, String> v, CpuFeatures cpu) {
        Path cacheRoot = Path.of(text(v, "model.cache-dir"));
        String cacheDir = v.get("cache.dir").trim();
        PrecisionChoice precision = withExport(section("model", () -> PrecisionChoice.resolve(
                text(v, "model.precision"), cpu)), v, cacheRoot);
        EncoderOptions model = section("model", () -> model(v, cacheRoot, precision.precision()));
        DedupOptions dedup = section("dedup", () -> dedup(v, model));
        Optional<Settings.AtPrecision> other = Optional.empty();
        Precision otherPrecision = precision.precision() == Precision.FP32 ? Precision.INT8 : Precision.FP32;
        if (precision.automatic() && !exportMissing(v, cacheRoot, otherPrecision)) {
            EncoderOptions otherModel = section("model", () -> model(v, cacheRoot, otherPrecision));
            other = Optional.of(new Settings.AtPrecision(otherModel, section("dedup", () -> dedup(v, otherModel))));
        }
        return new Settings(
                new Settings.Server(text(v, "server.host"), integer(v, "server.port"),
                        integer(v, "server.shutdown-timeout")),
                model,
                section("index", () -> index(v)),
                new Settings.Corpus(text(v, "corpus.path"), bool(v, "corpus.strict")),
                section("api", () -> new HttpOptions(integer(v, "api.max-k"), integer(v, "api.max-query-chars"),
                        integer(v, "api.max-text-chars"), integer(v, "api.max-examples"),
                        integer(v, "api.max-bulk-bytes"), v.get("api.key"), origins(v.get("api.cors-origins")),
                        new HttpOptions.Bounds(integer(v, "api.max-concurrent-encodes"),
                                integer(v, "api.max-queued-encodes"), queueWait(v), integer(v, "api.request-timeout"),
                                integer(v, "api.idle-timeout"), integer(v, "api.min-body-rate"),
                                integer(v, "api.max-response-bytes")))),
                section("search", () -> new SearchOptions(searchMode(text(v, "search.mode")),
                        integer(v, "search.rrf-k"), integer(v, "search.candidates"),
                        integer(v, "search.max-explain-sentences"), integer(v, "search.max-explain-pairs"),
                        integer(v, "search.query-cache-size"), fusion(text(v, "search.fusion")),
                        number(v, "search.vector-weight"), number(v, "search.full-coverage"),
                        number(v, "search.related-words-weight"), number(v, "search.related-title-weight"))),
                dedup,
                new Settings.Cache(
                        bool(v, "cache.enabled"),
                        cacheDir.isEmpty() ? cacheRoot.resolve("vectors") : Path.of(cacheDir)),
                store(v),
                new Settings.PrecisionSetting(precision, other));
    }

    /** The store's options; the {@code elasticsearch.*} settings are read only for that backend. */
    private static StoreOptions store(Map<String, String> v) {
        StoreOptions local = section("store", () -> new StoreOptions(Path.of(text(v, "store.path")),
                StoreOptions.Sync.parse(text(v, "store.sync"))));
        StoreOptions.Backend backend = section("store", () -> StoreOptions.Backend.parse(text(v, "store.backend")));
        if (backend == StoreOptions.Backend.SQLITE) {
            return local;
        }
        if (!isSet(v, "elasticsearch.url")) {
            throw new SettingsException("store.backend is elasticsearch, so elasticsearch.url must name the cluster,"
                    + " e.g. --set elasticsearch.url=http://127.0.0.1:9200");
        }
        return local.withElasticsearch(section("elasticsearch", () -> new ElasticOptions(
                ElasticOptions.url(text(v, "elasticsearch.url")), text(v, "elasticsearch.index"),
                integer(v, "elasticsearch.shards"), integer(v, "elasticsearch.replicas"),
                ElasticOptions.VectorIndexing.parse(text(v, "elasticsearch.index-options")),
                optional(v, "elasticsearch.api-key"), optional(v, "elasticsearch.username"),
                optional(v, "elasticsearch.password"), optional(v, "elasticsearch.ca-certificate").map(Path::of),
                new ElasticOptions.Knn(integer(v, "elasticsearch.num-candidates"),
                        number(v, "elasticsearch.oversample")))));
    }

    private static Optional<String> optional(Map<String, String> v, String key) {
        String value = v.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * {@code choice}, unless {@code auto} picked int8 for a model whose int8 export is not there while its fp32 one is
     * (a model of your own without a {@code <name>-q} folder): then fp32, saying why.
     */
    private static PrecisionChoice withExport(PrecisionChoice choice, Map<String, String> v, Path cacheRoot) {
        if (!choice.automatic() || choice.precision() != Precision.INT8 || !exportMissing(v, cacheRoot, Precision.INT8)) {
            return choice;
        }
        return new PrecisionChoice(Precision.FP32, choice.reason() + ", but " + modelDir(v, cacheRoot,
                Precision.INT8) + " holds no int8 export of the model, so fp32", true);
    }

    /**
     * Whether the model's export at {@code precision} is known to be missing: its folder is not there while the other
     * precision's is. Never when {@code model.dir} names one folder for both, or before the build unpacked any.
     */
    private static boolean exportMissing(Map<String, String> v, Path cacheRoot, Precision precision) {
        Precision other = precision == Precision.FP32 ? Precision.INT8 : Precision.FP32;
        return v.get("model.dir").isBlank() && !Files.isDirectory(modelDir(v, cacheRoot, precision))
                && Files.isDirectory(modelDir(v, cacheRoot, other));
    }

    /** The folder of the model in use: {@code model.dir}, else its folder for the precision under the cache. */
    private static Path modelDir(Map<String, String> v, Path cacheRoot, Precision precision) {
        String modelDir = v.get("model.dir").trim();
        return modelDir.isEmpty() ? cacheRoot.resolve(precision.folder(text(v, "model.name"))) : Path.of(modelDir);
    }

    /**
     * The duplicate-check options: each calibrated threshold from its setting when set, else as calibrated for the
     * model and precision in use (its descriptor's {@code dedup}), else the all-MiniLM-L6-v2 fp32 default.
     */
    private static DedupOptions dedup(Map<String, String> v, EncoderOptions model) {
        Map<String, Float> c = ModelDescriptor.find(model.name(), model.dir()).dedup(model.precision());
        DedupOptions fallback = DedupOptions.defaults();
        BiFunction<String, Float, Float> value = (key, otherwise) ->
                isSet(v, "dedup." + key) ? number(v, "dedup." + key) : c.getOrDefault(key, otherwise);
        DuplicateBands b = fallback.bands();
        RewriteRule r = fallback.rewrites();
        return new DedupOptions(
                new DuplicateBands(value.apply("duplicate", b.duplicate()), value.apply("near-duplicate",
                        b.nearDuplicate()), value.apply("related", b.related()), value.apply("copied-text",
                        b.copiedText())),
                new RewriteRule(value.apply("sentence-match", r.sentenceMatch()), value.apply("aligned-sentences",
                        r.alignedSentences()), value.apply("shared-specifics", r.sharedSpecifics())),
                integer(v, "dedup.matches"), integer(v, "dedup.max-pairs"));
    }

    /** The model's options at {@code precision}: what the settings give, the rest from the model's descriptor. */
    private static EncoderOptions model(Map<String, String> v, Path cacheRoot, Precision precision) {
        String modelName = text(v, "model.name");
        if (!modelName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be a folder name such as all-minilm-l6-v2, got '"
                    + modelName + "'");
        }
        Path dir = modelDir(v, cacheRoot, precision);
        ModelDescriptor model = ModelDescriptor.find(modelName, dir);
        return new EncoderOptions(
                modelName,
                dir,
                precision,
                isSet(v, "model.max-tokens") ? integer(v, "model.max-tokens") : model.maxTokens(),
                isSet(v, "model.pooling") ? Pooling.parse(text(v, "model.pooling")) : model.pooling(),
                pools(v),
                Optimization.parse(text(v, "model.optimization")),
                isSet(v, "model.long-texts") ? LongTexts.parse(text(v, "model.long-texts")) : model.longTexts(),
                integer(v, "model.chunk-overlap"),
                model.normalize(),
                model.queryInstruction(),
                bool(v, "model.thread-spinning"));
    }

    /** The encoding pools; {@code model.bulk-workers} and {@code model.query-threads} 0 mean one per core. */
    private static Pools pools(Map<String, String> v) {
        int cores = Runtime.getRuntime().availableProcessors();
        int bulkWorkers = integer(v, "model.bulk-workers");
        int queryThreads = integer(v, "model.query-threads");
        if (bulkWorkers < 0 || queryThreads < 0) {
            throw new IllegalArgumentException((bulkWorkers < 0 ? "bulk-workers" : "query-threads")
                    + " must be 0 (one per core) or more, got " + Math.min(bulkWorkers, queryThreads));
        }
        return new Pools(bulkWorkers == 0 ? cores : bulkWorkers, integer(v, "model.bulk-threads-per-worker"),
                queryThreads == 0 ? cores : queryThreads, integer(v, "model.batch-tokens"));
    }

    /** The index's options; {@code index.threads} 0 means one thread per core. */
    private static IndexOptions index(Map<String, String> v) {
        int threads = integer(v, "index.threads");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more, got " + threads);
        }
        String spillDir = v.get("index.spill-dir").trim();
        return new IndexOptions(
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                IndexOptions.Storage.parse(text(v, "index.storage")),
                integer(v, "index.oversample"),
                spillDir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(spillDir));
    }

    private static Fusion fusion(String value) {
        return Fusion.byLabel(value).orElseThrow(() -> new IllegalArgumentException(
                "fusion must be one of " + Fusion.labels() + ", got '" + value + "'"));
    }

    private static SearchMode searchMode(String value) {
        return SearchMode.byLabel(value).orElseThrow(() -> new IllegalArgumentException(
                "mode must be one of " + SearchMode.labels() + ", got '" + value + "'"));
    }

    /**
     * Builds a section's options record; the record's own complaint, which names the setting within the section,
     * becomes a {@link SettingsException} naming it in full ({@code model.workers must be ...}).
     */
    private static <T> T section(String name, Supplier<T> build) {
        try {
            return build.get();
        } catch (SettingsException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SettingsException(name + "." + e.getMessage(), e);
        }
    }

    private static boolean isSet(Map<String, String> v, String key) {
        return !v.get(key).isBlank();
    }

    /** A comma-separated list of origins; blank entries are dropped. */
    private static List<String> origins(String listed) {
        return Arrays.stream(listed.split(",")).map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }

    private static String text(Map<String, String> v, String key) {
        String value = v.get(key);
        if (value == null || value.isBlank()) {
            throw new SettingsException("setting '" + key + "' must not be empty (set it in the config file, "
                    + envName(key) + ", or a flag)");
        }
        return value.trim();
    }

    /** {@code api.max-queue-wait}: {@code auto} or whole milliseconds. */
    private static int queueWait(Map<String, String> v) {
        String key = "api.max-queue-wait";
        if (text(v, key).equalsIgnoreCase("auto")) {
            return HttpOptions.Bounds.QUEUE_WAIT_AUTO;
        }
        try {
            return Integer.parseInt(text(v, key));
        } catch (NumberFormatException e) {
            throw new SettingsException("setting '" + key + "' must be auto or a whole number of milliseconds, got '"
                    + text(v, key) + "'");
        }
    }

    private static int integer(Map<String, String> v, String key) {
        String value = text(v, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SettingsException("setting '" + key + "' must be a whole number, got '" + value + "'");
        }
    }

    private static float number(Map<String, String> v, String key) {
        String value = text(v, key);
        float parsed;
        try {
            parsed = Float.parseFloat(value);
        } catch (NumberFormatException e) {
            parsed = Float.NaN;
        }
        if (!Float.isFinite(parsed)) {
            throw new SettingsException("setting '" + key + "' must be a number such as 0.9, got '" + value + "'");
        }
        return parsed;
    }

    private static boolean bool(Map<String, String> v, String key) {
        String value = text(v, key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new SettingsException("setting '" + key + "' must be true or false, got '" + value + "'");
        };
    }
}
