package io.simdex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.simdex.corpus.JsonlCorpusWriter;
import io.simdex.corpus.Paper;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreException;
import io.simdex.store.StoreOptions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code simdex export}: the collection as JSONL that {@code simdex import} reads back to the same papers. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every paper of the collection as JSONL (id, title, abstract and its other fields), "
                + "which 'simdex import' reads back to the same papers. Needs no model; safe while simdex runs.")
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of to standard output.")
    Path out;

    @Override
    public Integer call() {
        return Launcher.run(config.verbose(), () -> {
            StoreOptions options = config.load(Map.of()).store();
            if (!Files.exists(options.path())) {
                throw new StoreException("there is no collection at " + options.path() + " yet: start simdex once,"
                        + " or run 'simdex import FILE', to create it (or set store.path)");
            }
            var papers = new ArrayList<Paper>();
            try (PaperStore store = PaperStore.open(options)) {
                store.forEach(stored -> papers.add(stored.paper()));
            }
            int written;
            if (out == null) {
                Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                written = JsonlCorpusWriter.write(papers, stdout);
            } else {
                try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    written = JsonlCorpusWriter.write(papers, file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
                }
            }
            System.err.println("simdex: exported " + written + " papers" + (out == null ? "" : " to " + out));
            return 0;
        });
    }
}
