package io.simdex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;
import io.simdex.store.PaperStore;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code simdex snapshot OUT}: a consistent copy of the store, with a checksum file beside it. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Write a consistent copy of the collection's database to OUT, and OUT.sha256 beside it. Safe"
                + " while simdex runs; a running service also takes POST /api/snapshots.")
public final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Parameters(index = "0", paramLabel = "OUT", description = "The snapshot file to write; must not exist.")
    Path out;

    @Override
    public Integer call() {
        return Launcher.run(config.verbose(), () -> {
            try (PaperStore store = PaperStore.open(config.load(Map.of()).store())) {
                store.snapshot(out);
                System.out.printf("wrote %s (%d papers) and %s.sha256%n", out, store.count(), out.getFileName());
            }
            return 0;
        });
    }
}
