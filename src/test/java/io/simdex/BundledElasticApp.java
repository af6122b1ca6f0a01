package io.simdex;

import io.simdex.config.Settings;
import io.simdex.config.SettingsLoader;
import io.simdex.store.elastic.TestElasticsearch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link BundledApp} with the collection in Elasticsearch: the same settings, model and bundled corpus, seeded into
 * a new index of the test cluster ({@link TestElasticsearch}) on first use and shared by the end-to-end tests that
 * run on both backends; the index is deleted when the JVM exits.
 */
public final class BundledElasticApp {

    private static Settings settings;
    private static App app;

    private BundledElasticApp() {
    }

    /** The shared app; skips the calling test when no cluster is configured (fails when one is required). */
    public static synchronized App get() {
        if (app == null) {
            app = App.build(settings());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                TestElasticsearch.deleteIndexes();
            }));
        }
        return app;
    }

    /** Flags that point a command at the same model and index as the shared app. */
    public static String[] cliFlags() {
        var elasticsearch = settings().store().elasticsearch().orElseThrow();
        return new String[] {"--precision", "fp32", "--set", "model.cache-dir=" + TestModels.MODEL_CACHE,
            "--set", "store.backend=elasticsearch", "--set", "elasticsearch.url=" + elasticsearch.url(),
            "--set", "elasticsearch.index=" + elasticsearch.index()};
    }

    /** The shared app's settings: {@link BundledApp#settings()} with {@code store.backend=elasticsearch}. */
    public static synchronized Settings settings() {
        if (settings == null) {
            String index = TestElasticsearch.options("bundled").index();
            var overrides = new HashMap<String, String>();
            overrides.put("model.precision", "fp32"); // the documented answers are fp32 ones, as in BundledApp
            overrides.put("model.cache-dir", TestModels.MODEL_CACHE.toString());
            overrides.put("store.backend", "elasticsearch");
            overrides.put("elasticsearch.url", TestElasticsearch.url().toString());
            overrides.put("elasticsearch.index", index);
            settings = SettingsLoader.load(Path.of("config", "simdex.yaml"), Map.of(), overrides);
        }
        return settings;
    }
}
