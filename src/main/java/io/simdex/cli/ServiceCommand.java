package io.simdex.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine.Mixin;

import io.simdex.App;
import io.simdex.api.ApiJson;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;

/**
 * The shape of the one-shot commands ({@code similar}, {@code check}, {@code dedup}): load the corpus, model
 * and index as {@code serve} does (vectors come from the cache after the first run), ask one
 * question, print the answer, exit. Logs go to stderr, the answer to stdout.
 */
abstract class ServiceCommand {

    @Mixin
    ConfigOptions config;

    /** Runs {@code question} on a freshly built app and prints what it returns. */
    int answer(Function<App, String> question, PrintStream out) {
        return Launcher.run(config.verbose(), () -> {
            try (App app = App.build(config.load(Map.of()))) {
                out.println(question.apply(app));
                return 0;
            }
        });
    }

    /** The answer as the HTTP API would send it, indented for reading. */
    static String json(Object body) {
        try {
            return ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
