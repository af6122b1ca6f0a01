package io.simdex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import io.simdex.ingest.LiveCollection;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;
import io.simdex.store.PaperStore;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code simdex restore IN}: replaces the store with a snapshot, after checking it. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Replace the collection's database (store.path) with the snapshot IN, after checking it"
                + " against IN.sha256 and for damage. Stop simdex first.")
public final class RestoreCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Parameters(index = "0", paramLabel = "IN", description = "A snapshot written by 'simdex snapshot'.")
    Path in;

    @Override
    public Integer call() {
        return Launcher.run(config.verbose(), () -> {
            Path target = config.load(Map.of()).store().path();
            PaperStore.restore(in, target);
            LiveCollection.forgetDerivedFiles(target);
            System.out.printf("restored %s from %s%n", target, in);
            return 0;
        });
    }
}
