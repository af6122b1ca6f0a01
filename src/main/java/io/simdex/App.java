package io.simdex;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.config.Settings;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusException;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.CorpusProblem;
import io.simdex.dedup.DuplicateService;
import io.simdex.encode.Encoder;
import io.simdex.encode.OnnxEncoder;
import io.simdex.http.HttpApi;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.ingest.EmbeddingCache;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.SearchService;

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
    private final IndexedCorpus indexed;
    private final SearchService search;
    private final DuplicateService duplicates;
    private Javalin started;

    private App(Settings settings, Encoder encoder, IndexedCorpus indexed) {
        this.settings = settings;
        this.encoder = encoder;
        this.indexed = indexed;
        this.search = new SearchService(indexed, encoder, settings.search());
        this.duplicates = new DuplicateService(indexed, encoder, settings.dedup());
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
                    settings.index());
            return new App(settings, encoder, indexed);
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /** The HTTP API over this app's services, not yet started. */
    public Javalin server() {
        return HttpApi.create(search, duplicates, settings.api());
    }

    /**
     * Starts the HTTP API on {@code server.host} and {@code server.port}; {@link #close()} stops it.
     *
     * @return the port it listens on (the one chosen when {@code server.port} is 0)
     * @throws IllegalStateException if it was started already
     */
    public synchronized int start() {
        if (started != null) {
            throw new IllegalStateException("the HTTP API is already started on port " + started.port());
        }
        started = server().start(settings.server().host(), settings.server().port());
        return started.port();
    }

    /** Search, more like this, recommendations and the papers themselves. */
    public SearchService search() {
        return search;
    }

    /** Duplicate checks and clusters. */
    public DuplicateService duplicates() {
        return duplicates;
    }

    /** The corpus with its indexes, for tools that measure them. */
    public IndexedCorpus indexed() {
        return indexed;
    }

    /** The model this app encodes with; owned by the app, closed with it. */
    public Encoder encoder() {
        return encoder;
    }

    public Settings settings() {
        return settings;
    }

    /** How many papers had to be encoded at start-up; 0 when every vector came from the cache. */
    public int encodedAtStart() {
        return indexed.encoded();
    }

    /** Stops the HTTP API if {@link #start()} started it, then releases the indexes and the encoder. */
    @Override
    public synchronized void close() {
        if (started != null) {
            started.stop();
            started = null;
        }
        try {
            search.close();
        } finally {
            encoder.close();
        }
    }

    /**
     * The corpus the settings name, its problems logged (or thrown, with {@code corpus.strict}).
     *
     * @throws CorpusException if it cannot be read, or has problems while {@code corpus.strict} is on
     */
    public static Corpus loadCorpus(Settings.Corpus spec) {
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
