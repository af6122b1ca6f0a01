package io.simdex.launch;

import picocli.CommandLine.Option;

import io.simdex.config.Settings;
import io.simdex.config.SettingsLoader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The flags every command shares to find and override its settings. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings file (default: config/simdex.yaml when it exists).")
    Path configFile;

    @Option(names = "--corpus", paramLabel = "PATH",
            description = "'bundled', a folder of pages/.jsonl files, one page (.txt) or one .jsonl file.")
    String corpus;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Model folder under model-cache/, e.g. all-minilm-l6-v2.")
    String model;

    @Option(names = "--precision", paramLabel = "auto|fp32|int8",
            description = "fp32; int8: the quantized export of the same model, about 2x faster to encode on CPUs with VNNI,"
                    + " AMX or ARM dot products; auto: int8 on such a CPU, fp32 elsewhere.")
    String precision;

    @Option(names = "--storage", paramLabel = "float32|int8",
            description = "How the index stores vectors: float32 (exact scan) or int8 (4x smaller, rescored exactly).")
    String storage;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any setting by its dotted key, e.g. --set model.bulk-workers=1. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "On failure, print the stack trace after the one-line message.")
    boolean verbose;

    /** Whether a failure should print its stack trace ({@code --verbose}). */
    public boolean verbose() {
        return verbose;
    }

    /** Loads the settings with these flags on top; {@code extra} holds a command's own flags. */
    public Settings load(Map<String, String> extra) {
        var overrides = new LinkedHashMap<>(settings);
        if (corpus != null) {
            overrides.put("corpus.path", corpus);
        }
        if (model != null) {
            overrides.put("model.name", model);
        }
        if (precision != null) {
            overrides.put("model.precision", precision);
        }
        if (storage != null) {
            overrides.put("index.storage", storage);
        }
        overrides.putAll(extra);
        return SettingsLoader.load(configFile, System.getenv(), overrides);
    }
}
