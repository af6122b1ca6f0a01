package io.simdex.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import io.simdex.App;
import io.simdex.config.Settings;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.CorpusProblem;
import io.simdex.encode.Encoder;
import io.simdex.encode.OnnxEncoder;
import io.simdex.ingest.Importer;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;
import io.simdex.store.PaperStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code simdex import}: adds or replaces papers from files in the store, committing in batches. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Add papers from files to the collection (replacing papers with the same id), encoding what"
                + " the store has no vector for and committing in batches: stopping it loses at most the three batches in flight, and"
                + " running it again resumes. Reads Daily Papers pages, JSONL (.jsonl, .jsonl.gz), CSV (.csv,"
                + " .csv.gz), BEIR folders and folders of these. Run it while simdex is stopped; a running service"
                + " takes writes through POST /api/papers/_bulk.")
public final class ImportCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

    @Mixin
    ConfigOptions config;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders to import.")
    List<String> paths;

    @Override
    public Integer call() {
        return Launcher.run(config.verbose(), () -> {
            Settings settings = config.load(Map.of());
            try (PaperStore store = PaperStore.open(settings.store());
                    Encoder encoder = OnnxEncoder.load(App.forCollection(settings, store).model())) {
                for (String path : paths) {
                    Corpus corpus = CorpusLoader.load(path);
                    for (CorpusProblem problem : corpus.problems()) {
                        LOG.warn("import: {}", problem.describe());
                    }
                    Importer.Report report = new Importer(store, encoder, Importer.DEFAULT_BATCH).run(
                            corpus.papers(), path, Map.of(), (results, vectors) -> {
                            });
                    System.out.printf("%s: %d papers (%d new, %d changed, %d already stored), %d encoded, %d"
                                    + " problems, %.1f s%n", path, report.papers(), report.created(),
                            report.replaced(), report.unchanged(), report.encoded(), corpus.problems().size(),
                            report.seconds());
                }
                System.out.printf("the collection %s holds %d papers%n", store.path(), store.count());
            }
            return 0;
        });
    }
}
