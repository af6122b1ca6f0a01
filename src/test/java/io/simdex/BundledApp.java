package io.simdex;

import io.simdex.config.Settings;
import io.simdex.config.SettingsLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The service as a user runs it (bundled corpus, real all-MiniLM-L6-v2, default settings), built once per test
 * JVM and shared by the end-to-end tests, since start-up encodes all 772 papers. Its precision is pinned to fp32,
 * not left to {@code auto}: the README's and docs/API.md's answers, which the tests compare with, are fp32 ones, and
 * the tests must give the same answers on every CPU. Its store is a fresh temporary
 * folder, so the first build seeds it from the bundled pages and encodes everything; commands run with
 * {@link #cliFlags()} then serve the same store.
 */
public final class BundledApp {

    private static Path vectorCache;
    private static App app;

    private BundledApp() {
    }

    /** The shared app, built on first use and closed when the JVM exits. */
    public static synchronized App get() {
        if (app == null) {
            app = App.build(settings());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                delete(vectorCache);
            }));
        }
        return app;
    }

    /**
     * The settings of the shared app: {@code config/simdex.yaml} with the test model and vector cache folders, at
     * fp32.
     */
    public static synchronized Settings settings() {
        return SettingsLoader.load(Path.of("config", "simdex.yaml"), Map.of(), Map.of(
                "model.precision", "fp32",
                "model.cache-dir", TestModels.MODEL_CACHE.toString(),
                "cache.dir", vectorCache().toString(),
                "store.path", vectorCache().resolve("simdex.db").toString()));
    }

    /** Flags that point a command at the same model and store as the shared app. */
    public static String[] cliFlags() {
        return new String[] {"--precision", "fp32", "--set", "model.cache-dir=" + TestModels.MODEL_CACHE,
            "--set", "cache.dir=" + vectorCache(), "--set", "store.path=" + vectorCache().resolve("simdex.db")};
    }

    private static synchronized Path vectorCache() {
        if (vectorCache == null) {
            try {
                vectorCache = Files.createTempDirectory("simdex-vectors-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return vectorCache;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
