package io.simdex.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.corpus.Corpus;
import io.simdex.encode.Encoder;
import io.simdex.store.PaperStore;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fills an empty store from the configured corpus on first start, and finishes that import if a previous start
 * was stopped in the middle. A store that was seeded is served as it is: a changed {@code corpus.path} is not
 * imported behind the user's back; the log says how to import it.
 */
public final class Seeder {

    /** Store fact: the corpus location the store was seeded from. */
    static final String SOURCE = "seed.source";
    /** Store fact: "true" once that import finished. */
    static final String DONE = "seed.done";

    private static final Logger LOG = LoggerFactory.getLogger(Seeder.class);

    private Seeder() {
    }

    /**
     * Seeds or resumes seeding, as the store's facts say.
     *
     * @param location the configured corpus location, as the user gave it (for the log and the store's facts)
     * @param corpus   reads that corpus; called only when there is something to import
     * @return how many texts were encoded (0 when nothing was imported)
     */
    public static int seed(PaperStore store, Encoder encoder, String location, Supplier<Corpus> corpus) {
        Optional<String> source = store.fact(SOURCE);
        boolean done = store.fact(DONE).map("true"::equals).orElse(false);
        if (source.isPresent() && done) {
            if (!source.get().equals(location)) {
                LOG.info("corpus.path is {} but this store was filled from {}; serving the store as it is. To add"
                        + " the papers of {}, stop simdex and run: simdex import {}", location, source.get(),
                        location, location);
            }
            return 0;
        }
        if (source.isEmpty() && store.count() > 0) {
            return 0; // papers written by import or the API: not a store to seed
        }
        Corpus papers = corpus.get();
        if (source.isPresent()) {
            LOG.info("resuming the import of {} into {}: {} of its {} papers are already stored", source.get(),
                    store.path(), store.count(), papers.size());
        } else {
            LOG.info("the store {} is empty: importing the {} papers of {}", store.path(), papers.size(), location);
        }
        Importer.Report report = new Importer(store, encoder, Importer.DEFAULT_BATCH).run(papers.papers(),
                source.orElse(location), Map.of(SOURCE, source.orElse(location)), (results, vectors) -> {
                });
        store.setFact(DONE, "true");
        LOG.info("imported {} papers in {} s: {} new, {} changed, {} already stored; {} encoded", report.papers(),
                String.format("%.1f", report.seconds()), report.created(), report.replaced(), report.unchanged(),
                report.encoded());
        return report.encoded();
    }
}
