package io.simdex.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.simdex.App;
import io.simdex.config.Settings;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code simdex serve}: loads the corpus and model, then answers HTTP until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the HTTP API on the configured corpus (the bundled one by default).")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOptions config;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 7070; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--max-k", paramLabel = "N", description = "Largest k a request may ask for (default 100).")
    Integer maxK;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        var flags = new LinkedHashMap<String, String>();
        if (port != null) {
            flags.put("server.port", port.toString());
        }
        if (host != null) {
            flags.put("server.host", host);
        }
        if (maxK != null) {
            flags.put("api.max-k", maxK.toString());
        }
        return Launcher.run(config.verbose(), () -> {
            Settings settings = config.load(flags);
            App app = App.serve(settings);
            var stopped = new CountDownLatch(1);
            Launcher.onShutdown(() -> {
                app.close();
                LOG.info("simdex stopped");
                stopped.countDown();
            });
            int boundPort = app.port();
            LOG.info("simdex ready in {} s: {} papers, model {} ({}-d, {} tokens), listening on http://{}:{}",
                    String.format("%.1f", (System.nanoTime() - start) / 1e9), app.search().paperCount(),
                    app.search().modelName(), app.search().dimension(), app.search().maxTokens(),
                    settings.server().host(), boundPort);
            stopped.await();
            return 0;
        });
    }
}
