package io.simdex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.simdex.App;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.JsonlCorpusWriter;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code simdex export}: the configured corpus as JSONL that reads back to the same papers. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every paper of the corpus as JSONL (id, title, abstract and its other fields), which "
                + "simdex reads back to the same papers. Needs no model.")
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of to standard output.")
    Path out;

    @Override
    public Integer call() {
        return Launcher.run(() -> {
            Corpus corpus = App.loadCorpus(config.load(Map.of()).corpus());
            int written;
            if (out == null) {
                Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                written = JsonlCorpusWriter.write(corpus.papers(), stdout);
            } else {
                try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    written = JsonlCorpusWriter.write(corpus.papers(), file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
                }
            }
            System.err.println("simdex: exported " + written + " papers" + (out == null ? "" : " to " + out));
            return 0;
        });
    }
}
