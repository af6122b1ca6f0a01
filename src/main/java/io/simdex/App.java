package io.simdex;

import io.javalin.Javalin;

import io.simdex.config.Settings;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusException;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.CorpusProblem;
import io.simdex.encode.Encoder;
import io.simdex.encode.OnnxEncoder;
import io.simdex.index.IndexOptions;
import io.simdex.http.HttpApi;
import io.simdex.search.CorpusIndexer;
import io.simdex.search.DedupOptions;
import io.simdex.search.DuplicateBands;
import io.simdex.search.IndexedCorpus;
import io.simdex.search.SearchOptions;
import io.simdex.search.SimilarityService;
import io.simdex.store.EmbeddingCache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The composition root: loads the corpus, the model and the index from {@link Settings} and hands out an
 * un-started HTTP server over them. Owns the encoder and closes it.
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Settings settings;
    private final Encoder encoder;
    private final SimilarityService service;
    private final int encodedAtStart;

    private App(Settings settings, Encoder encoder, IndexedCorpus indexed) {
        this.settings = settings;
        this.encoder = encoder;
        this.service = new SimilarityService(indexed, encoder, dedupOptions(settings.dedup()),
                searchOptions(settings.search()));
        this.encodedAtStart = indexed.encoded();
    }

    /**
     * Loads every stage: corpus, model, index (encoding only what the cache lacks).
     *
     * @throws CorpusException if the corpus cannot be read, or has problems while {@code corpus.strict} is on
     * @throws io.simdex.encode.EncoderException if the model cannot be loaded
     */
    public static App build(Settings settings) {
        Corpus corpus = loadCorpus(settings.corpus());
        Encoder encoder = OnnxEncoder.load(settings.model());
        try {
            IndexedCorpus indexed = CorpusIndexer.index(corpus, encoder, cache(settings, encoder),
                    indexOptions(settings.index()));
            return new App(settings, encoder, indexed);
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /** The HTTP API over this app's service, not yet started. */
    public Javalin server() {
        return HttpApi.create(service, settings.api());
    }

    public SimilarityService service() {
        return service;
    }

    public Settings settings() {
        return settings;
    }

    /** How many papers had to be encoded at start-up; 0 when every vector came from the cache. */
    public int encodedAtStart() {
        return encodedAtStart;
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            encoder.close();
        }
    }

    /** The index's options from its settings. */
    static IndexOptions indexOptions(Settings.Index index) {
        return new IndexOptions(index.effectiveThreads(),
                index.storage() == Settings.Storage.INT8 ? IndexOptions.Storage.INT8 : IndexOptions.Storage.FLOAT32,
                index.oversample(), index.spillDir());
    }

    /** The duplicate use cases' options from their settings. */
    static DedupOptions dedupOptions(Settings.Dedup dedup) {
        return new DedupOptions(new DuplicateBands(dedup.duplicate(), dedup.nearDuplicate(), dedup.related(),
                dedup.copiedText()),
                dedup.matches(), dedup.maxPairs());
    }

    /** The free-text search options from their settings. */
    public static SearchOptions searchOptions(Settings.Search search) {
        return new SearchOptions(search.mode(), search.rrfK(), search.candidates());
    }

    private static Corpus loadCorpus(Settings.Corpus spec) {
        Corpus corpus = CorpusLoader.load(spec.path());
        if (!corpus.problems().isEmpty()) {
            if (spec.strict()) {
                throw new CorpusException("corpus " + spec.path() + " has " + corpus.problems().size()
                        + " problem(s) and corpus.strict is on:\n  " + corpus.problems().stream()
                        .map(CorpusProblem::describe).collect(Collectors.joining("\n  ")));
            }
            corpus.problems().forEach(p -> LOG.warn("corpus: {}", p.describe()));
        }
        LOG.info("corpus {}: {} papers", spec.path(), corpus.size());
        return corpus;
    }

    private static Optional<EmbeddingCache> cache(Settings settings, Encoder encoder) {
        if (!settings.cache().enabled()) {
            return Optional.empty();
        }
        String location = settings.corpus().path().equals(CorpusLoader.BUNDLED)
                ? CorpusLoader.BUNDLED
                : Path.of(settings.corpus().path()).toAbsolutePath().normalize().toString();
        String namespace = "corpus-" + EmbeddingCache.key(location).substring(0, 12);
        return Optional.of(new EmbeddingCache(
                EmbeddingCache.fileFor(settings.cache().dir(), encoder.modelName(), encoder.modelId(), namespace),
                encoder.modelId(), encoder.dimension()));
    }
}
