package io.simdex.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.simdex.encode.LongTexts;
import io.simdex.encode.Pooling;
import io.simdex.encode.Precision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a model needs to be run the way it was trained: pooling, token budget, normalization, the
 * instruction put in front of search queries, and how long texts are handled by default.
 *
 * <p>One YAML file per model, {@code config/models/<name>.yaml} (also packaged into the jar). A folder
 * given with {@code model.dir} may carry its own {@value #FILE_IN_MODEL_DIR}, which wins.
 *
 * @param pooling           how token vectors become one text vector (all-MiniLM-L6-v2: mean; BGE: cls)
 * @param maxTokens         the model's token budget, [CLS] and [SEP] included
 * @param normalize         whether pooled vectors are L2-normalized; the index compares unit vectors, so
 *                          {@code false} is only for graphs that already normalize their output
 * @param queryInstruction  put in front of free-text search queries only; empty for none
 * @param longTexts         the default handling of texts over {@code maxTokens}, chosen by evaluation
 * @param dedup             per precision ({@code fp32}, {@code int8}), the duplicate-check settings calibrated for
 *                          this model, by their key within {@code dedup.*}; empty {@code dedup.*} settings take them
 */
public record ModelDescriptor(Pooling pooling, int maxTokens, boolean normalize, String queryInstruction,
                              LongTexts longTexts, Map<String, Map<String, Float>> dedup) {

    /** A descriptor file inside a model folder; it overrides the one in {@code config/models/}. */
    public static final String FILE_IN_MODEL_DIR = "simdex-model.yaml";

    /** The folder of shipped descriptors, relative to the working directory, and in the jar. */
    public static final Path CONFIG_DIR = Path.of("config", "models");

    private static final Set<String> KEYS = Set.of("pooling", "max-tokens", "normalize", "query-instruction",
            "long-texts", "dedup");

    /** The {@code dedup.*} settings a descriptor may calibrate, by their key within {@code dedup.*}. */
    public static final Set<String> DEDUP_KEYS = Set.of("duplicate", "near-duplicate", "related", "copied-text",
            "sentence-match", "aligned-sentences", "shared-specifics");

    public ModelDescriptor {
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(queryInstruction, "queryInstruction");
        Objects.requireNonNull(longTexts, "longTexts");
        dedup = Map.copyOf(dedup);
    }

    /** The duplicate-check settings calibrated for this model at {@code precision}; empty when none were. */
    public Map<String, Float> dedup(Precision precision) {
        return dedup.getOrDefault(precision.name().toLowerCase(Locale.ROOT), Map.of());
    }

    /**
     * The first descriptor found for a model: in its folder, in {@code config/models/}, then in the jar. A
     * quantized export named {@code <name>-q} shares its model's descriptor.
     */
    public static ModelDescriptor find(String name, Path modelDir) {
        Path inDir = modelDir.resolve(FILE_IN_MODEL_DIR);
        if (Files.isRegularFile(inDir)) {
            return read(inDir);
        }
        if (name.endsWith(Precision.INT8.folder("")) && !shipped(name) && shipped(baseName(name))) {
            return find(baseName(name), modelDir);
        }
        Path inConfig = CONFIG_DIR.resolve(name + ".yaml");
        if (Files.isRegularFile(inConfig)) {
            return read(inConfig);
        }
        String resource = "/models/" + name + ".yaml";
        try (InputStream in = ModelDescriptor.class.getResourceAsStream(resource)) {
            if (in != null) {
                return parse(new ObjectMapper(new YAMLFactory()).readTree(in), "jar:" + resource);
            }
        } catch (IOException e) {
            throw new SettingsException("cannot read model descriptor " + resource + ": " + e.getMessage(), e);
        }
        throw new SettingsException("model.name '" + name + "' is not a model simdex knows (no descriptor for"
                + " model '" + name + "'): choose a shipped one (config/models/ lists them), or describe it"
                + " in " + FILE_IN_MODEL_DIR + " in " + modelDir + " or in " + inConfig + " (pooling, max-tokens,"
                + " normalize, query-instruction, long-texts; see config/models/all-minilm-l6-v2.yaml)");
    }

    private static boolean shipped(String name) {
        return Files.isRegularFile(CONFIG_DIR.resolve(name + ".yaml"))
                || ModelDescriptor.class.getResource("/models/" + name + ".yaml") != null;
    }

    private static String baseName(String quantized) {
        return quantized.substring(0, quantized.length() - Precision.INT8.folder("").length());
    }

    static ModelDescriptor read(Path file) {
        try {
            return parse(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new SettingsException("cannot read model descriptor " + file + ": " + e.getMessage(), e);
        }
    }

    static ModelDescriptor parse(JsonNode root, String origin) {
        if (root == null || !root.isObject()) {
            throw new SettingsException("model descriptor " + origin + " must be a YAML mapping of " + KEYS);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new SettingsException("unknown key '" + key + "' in model descriptor " + origin
                        + "; known keys: " + String.join(", ", KEYS));
            }
        }
        try {
            return new ModelDescriptor(
                    Pooling.parse(required(root, "pooling", origin).asText()),
                    required(root, "max-tokens", origin).asInt(),
                    !root.has("normalize") || root.get("normalize").asBoolean(),
                    root.has("query-instruction") ? root.get("query-instruction").asText("") : "",
                    root.has("long-texts") ? LongTexts.parse(root.get("long-texts").asText())
                            : LongTexts.TRUNCATE,
                    root.has("dedup") ? dedup(root.get("dedup")) : Map.of());
        } catch (SettingsException e) {
            throw new SettingsException("model descriptor " + origin + ": " + e.getMessage(), e);
        }
    }

    /** {@code dedup: {fp32: {near-duplicate: 0.86, …}, int8: {…}}}: numbers for known keys only. */
    private static Map<String, Map<String, Float>> dedup(JsonNode node) {
        var out = new LinkedHashMap<String, Map<String, Float>>();
        for (Map.Entry<String, JsonNode> precision : node.properties()) {
            try {
                Precision.parse(precision.getKey());
            } catch (IllegalArgumentException e) {
                throw new SettingsException("dedup." + precision.getKey() + ": " + e.getMessage(), e);
            }
            var values = new LinkedHashMap<String, Float>();
            for (Map.Entry<String, JsonNode> value : precision.getValue().properties()) {
                if (!DEDUP_KEYS.contains(value.getKey()) || !value.getValue().isNumber()) {
                    throw new SettingsException("dedup." + precision.getKey() + "." + value.getKey() + " must be a "
                            + "number for one of " + String.join(", ", DEDUP_KEYS));
                }
                values.put(value.getKey(), value.getValue().floatValue());
            }
            out.put(precision.getKey(), Map.copyOf(values));
        }
        return out;
    }

    private static JsonNode required(JsonNode root, String key, String origin) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new SettingsException("model descriptor " + origin + " must set '" + key + "'");
        }
        return value;
    }
}
