package io.simdex.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.simdex.dedup.DedupOptions;
import io.simdex.dedup.DuplicateBands;
import io.simdex.encode.EncoderOptions;
import io.simdex.encode.LongTexts;
import io.simdex.encode.Optimization;
import io.simdex.encode.Pooling;
import io.simdex.encode.Precision;
import io.simdex.http.HttpOptions;
import io.simdex.index.IndexOptions;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;
import io.simdex.store.StoreOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        d.put("model.workers", "1");
        d.put("model.threads-per-worker", "2");
        d.put("model.batch-size", "8");
        d.put("model.precision", "fp32");
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
        d.put("dedup.duplicate", String.valueOf(dedup.bands().duplicate()));
        d.put("dedup.near-duplicate", String.valueOf(dedup.bands().nearDuplicate()));
        d.put("dedup.related", String.valueOf(dedup.bands().related()));
        d.put("dedup.copied-text", String.valueOf(dedup.bands().copiedText()));
        d.put("dedup.matches", String.valueOf(dedup.matches()));
        d.put("dedup.max-pairs", String.valueOf(dedup.maxPairs()));
        d.put("cache.enabled", "true");
        d.put("cache.dir", "");                 // empty: <model.cache-dir>/vectors
        d.put("store.path", StoreOptions.DEFAULT_PATH.toString());
        d.put("store.sync", "full");
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
        return build(values);
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

    private static Settings build(Map<String, String> v) {
        Path cacheRoot = Path.of(text(v, "model.cache-dir"));
        String cacheDir = v.get("cache.dir").trim();
        return new Settings(
                new Settings.Server(text(v, "server.host"), integer(v, "server.port"),
                        integer(v, "server.shutdown-timeout")),
                section("model", () -> model(v, cacheRoot)),
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
                        integer(v, "search.query-cache-size"))),
                section("dedup", () -> new DedupOptions(new DuplicateBands(number(v, "dedup.duplicate"),
                        number(v, "dedup.near-duplicate"), number(v, "dedup.related"), number(v, "dedup.copied-text")),
                        integer(v, "dedup.matches"), integer(v, "dedup.max-pairs"))),
                new Settings.Cache(
                        bool(v, "cache.enabled"),
                        cacheDir.isEmpty() ? cacheRoot.resolve("vectors") : Path.of(cacheDir)),
                section("store", () -> new StoreOptions(Path.of(text(v, "store.path")),
                        StoreOptions.Sync.parse(text(v, "store.sync")))));
    }

    /** The model's options: what the settings give, the rest from the model's descriptor. */
    private static EncoderOptions model(Map<String, String> v, Path cacheRoot) {
        String modelName = text(v, "model.name");
        String modelDir = v.get("model.dir").trim();
        Precision precision = Precision.parse(text(v, "model.precision"));
        if (!modelName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be a folder name such as all-minilm-l6-v2, got '"
                    + modelName + "'");
        }
        Path dir = modelDir.isEmpty() ? cacheRoot.resolve(precision.folder(modelName)) : Path.of(modelDir);
        ModelDescriptor model = ModelDescriptor.find(modelName, dir);
        return new EncoderOptions(
                modelName,
                dir,
                precision,
                isSet(v, "model.max-tokens") ? integer(v, "model.max-tokens") : model.maxTokens(),
                isSet(v, "model.pooling") ? Pooling.parse(text(v, "model.pooling")) : model.pooling(),
                integer(v, "model.workers"),
                integer(v, "model.threads-per-worker"),
                integer(v, "model.batch-size"),
                Optimization.parse(text(v, "model.optimization")),
                isSet(v, "model.long-texts") ? LongTexts.parse(text(v, "model.long-texts")) : model.longTexts(),
                integer(v, "model.chunk-overlap"),
                model.normalize(),
                model.queryInstruction(),
                bool(v, "model.thread-spinning"));
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
