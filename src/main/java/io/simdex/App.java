package io.simdex;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.config.Settings;
import io.simdex.config.SettingsException;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusException;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.CorpusProblem;
import io.simdex.dedup.DuplicateService;
import io.simdex.encode.Encoder;
import io.simdex.encode.OnnxEncoder;
import io.simdex.encode.Precision;
import io.simdex.encode.PrecisionChoice;
import io.simdex.http.HttpApi;
import io.simdex.http.HttpMetrics;
import io.simdex.ingest.ElasticCollection;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.ingest.LiveCollection;
import io.simdex.ingest.PaperCollection;
import io.simdex.ingest.Seeder;
import io.simdex.map.MapService;
import io.simdex.search.SearchService;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreException;
import io.simdex.store.StoreOptions;
import io.simdex.store.elastic.ElasticOptions;
import io.simdex.store.elastic.ElasticStore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The composition root: opens the store (seeding it from the corpus on first start), loads the model, builds the
 * in-memory indexes from the store, and hands out an un-started HTTP server over them. Owns the store, the encoder
 * and the collection, and closes them.
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Settings settings;
    /** The SQLite store or the Elasticsearch connection: whatever holds the collection, closed last. */
    private final AutoCloseable store;
    private final Encoder encoder;
    private final PaperCollection collection;
    private final SearchService search;
    private final DuplicateService duplicates;
    private final MapService map;
    private final HttpMetrics metrics;
    private final int encodedAtStart;
    private Javalin started;

    private App(Settings settings, AutoCloseable store, Encoder encoder, PaperCollection collection,
            HttpMetrics metrics, int encodedAtStart) {
        this.settings = settings;
        this.metrics = metrics;
        this.store = store;
        this.encoder = encoder;
        this.collection = collection;
        this.search = new SearchService(collection.indexed(), encoder, settings.search());
        MeteredEncoder.watch(search.queryCache(), metrics.registry());
        this.duplicates = new DuplicateService(collection.indexed(), encoder, settings.dedup(), search.explainer());
        this.map = new MapService(collection.indexed(), collection::changes);
        this.encodedAtStart = encodedAtStart;
    }

    /**
     * Opens every stage: the store (checked, and seeded from {@code corpus.path} when it is new), the model, and
     * the indexes, built from the store.
     *
     * @throws StoreException  if the store cannot be opened, or is damaged
     * @throws CorpusException if the corpus to seed from cannot be read, or has problems while
     *                         {@code corpus.strict} is on
     * @throws io.simdex.encode.EncoderException if the model cannot be loaded
     */
    public static App build(Settings settings) {
        return build(settings, HttpMetrics.create());
    }

    /** As {@link #build(Settings)}, the encoder's calls counted in {@code metrics}, which the app then owns. */
    private static App build(Settings settings, HttpMetrics metrics) {
        if (settings.store().backend() == StoreOptions.Backend.ELASTICSEARCH) {
            return buildOnElasticsearch(settings, metrics);
        }
        PaperStore store;
        Encoder encoder;
        Settings resolved;
        try {
            store = PaperStore.open(settings.store());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        try {
            resolved = forCollection(settings, store);
            encoder = new MeteredEncoder(OnnxEncoder.load(resolved.model()), metrics.registry());
        } catch (RuntimeException | Error e) {
            store.close();
            metrics.close();
            throw e;
        }
        try {
            int encoded = Seeder.seed(store, encoder, corpusLocation(settings.corpus()),
                    () -> loadCorpus(settings.corpus()));
            LiveCollection collection = LiveCollection.open(store, encoder, resolved.index());
            return new App(resolved, store, encoder, collection, metrics, encoded + collection.encodedAtOpen());
        } catch (RuntimeException e) {
            encoder.close();
            store.close();
            metrics.close();
            throw e;
        }
    }

    /**
     * As {@link #build(Settings, HttpMetrics)} with the collection in an Elasticsearch index: the model first (the
     * index records which model its vectors come from), then the cluster, which is seeded from the corpus when
     * the index is new.
     */
    private static App buildOnElasticsearch(Settings given, HttpMetrics metrics) {
        Encoder encoder;
        Settings settings;
        try {
            ElasticOptions elastic = given.store().elasticsearch().orElseThrow();
            Optional<Precision> made = ElasticStore.modelOf(elastic)
                    .flatMap(id -> OnnxEncoder.precisionIn(id, given.model().name()));
            settings = given.forCollection(made);
            PrecisionChoice choice = settings.precision().choice();
            if (choice.conflictsWith(made)) {
                throw new StoreException("Elasticsearch index " + elastic.index() + " at " + elastic.url() + " was made"
                        + " at " + PrecisionChoice.name(made.orElseThrow()) + ", but model.precision is set to "
                        + PrecisionChoice.name(choice.precision()) + "; set model.precision to "
                        + PrecisionChoice.name(made.orElseThrow()) + " (or auto) to serve it, or elasticsearch.index"
                        + " to a new index to build one at " + PrecisionChoice.name(choice.precision()));
            }
            LOG.info("model.precision: {}", choice.describe());
            encoder = new MeteredEncoder(OnnxEncoder.load(settings.model()), metrics.registry());
        } catch (RuntimeException | Error e) {
            metrics.close();
            throw e;
        }
        ElasticStore store = null;
        try {
            store = ElasticStore.open(settings.store().elasticsearch().orElseThrow(), encoder.modelId(),
                    encoder.dimension());
            ElasticCollection collection = ElasticCollection.open(store, encoder, settings.index(),
                    corpusLocation(settings.corpus()), () -> loadCorpus(settings.corpus()));
            LOG.info("serving {}", store.describe());
            return new App(settings, store, encoder, collection, metrics, collection.encodedAtOpen());
        } catch (RuntimeException e) {
            encoder.close();
            if (store != null) {
                store.close();
            }
            metrics.close();
            throw e;
        }
    }

    /**
     * The settings for the collection in {@code store}: with {@code model.precision: auto}, the precision the
     * collection's vectors were made at (the CPU's choice for a new or empty one), so it is served as it was and never
     * encoded again because the default or the machine changed. Logs the one line that says which precision runs and
     * why; an explicit precision other than the collection's is kept, and the line says that every paper will be
     * encoded once at it and how to avoid that.
     */
    public static Settings forCollection(Settings settings, PaperStore store) {
        Optional<Precision> made = PrecisionChoice.madeAt(store.vectorsByModel(), settings.model().name(),
                settings.model().precision());
        Settings resolved = settings.forCollection(made);
        PrecisionChoice choice = resolved.precision().choice();
        if (choice.conflictsWith(made)) {
            String stored = PrecisionChoice.name(made.orElseThrow());
            LOG.warn("model.precision: {}; the collection {} was made at {}, so its papers are encoded once more at {}"
                    + " (the {} vectors stay in it); to serve it as it is, set model.precision to {} or auto",
                    choice.describe(), store.path(), stored, PrecisionChoice.name(choice.precision()), stored, stored);
        } else {
            LOG.info("model.precision: {}", choice.describe());
        }
        return resolved;
    }

    /** The HTTP API over this app's services, not yet started. */
    public Javalin server() {
        return HttpApi.create(search, duplicates, map, collection, settings.api(),
                settings.server().shutdownTimeoutSeconds(), metrics);
    }

    /**
     * What {@code simdex serve} does: binds {@code server.host}:{@code server.port} first, so a port in use or a host
     * that does not resolve fails in one line before any model or collection work; answers {@code /livez} at once
     * and 503 elsewhere while it opens the store, the model and the indexes; then serves. {@link #close()} stops it.
     *
     * @throws SettingsException if the host does not resolve or the port is taken
     * @throws StoreException    if the store cannot be opened, or is damaged
     */
    public static App serve(Settings settings) {
        Settings.Server where = settings.server();
        if (!resolves(where.host())) {
            throw new SettingsException("server.host '" + where.host() + "' is not an address of this machine;"
                    + " use 127.0.0.1 (the default), or --host with one of its addresses");
        }
        HttpMetrics metrics = HttpMetrics.create();
        HttpApi.Starting starting = HttpApi.starting(settings.api(), where.shutdownTimeoutSeconds(), true, metrics);
        Javalin listening;
        try {
            listening = starting.javalin().start(where.host(), where.port());
        } catch (JavalinBindException e) {
            metrics.close();
            throw new SettingsException("cannot listen on " + where.host() + ":" + where.port() + ": the port is in"
                    + " use, or this user may not bind it; stop the other process or choose another with --port");
        }
        if (!isLoopback(where.host())) {
            LOG.warn("listening on {}:{}, beyond this machine: anyone who can reach it can search the collection"
                    + " (writes still need the API key). Set server.host to 127.0.0.1 to keep it local.",
                    where.host(), listening.port());
        }
        App app;
        try {
            app = build(settings, metrics);
        } catch (RuntimeException | Error e) {
            // an Error too: a server left listening would keep the JVM alive after the failure is reported
            listening.stop();
            throw e;
        }
        starting.ready(app.search, app.duplicates, app.map, app.collection);
        synchronized (app) {
            app.started = listening;
        }
        return app;
    }

    /** The port {@link #serve} listens on. */
    public synchronized int port() {
        if (started == null) {
            throw new IllegalStateException("the HTTP API is not started");
        }
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

    /** The map of the corpus, recomputed after writes. */
    public MapService map() {
        return map;
    }

    /** The papers with their indexes, for tools that measure them. */
    public IndexedCorpus indexed() {
        return collection.indexed();
    }

    /** The live collection: writes, versions and readiness, whichever backend holds it. */
    public PaperCollection collection() {
        return collection;
    }

    /** The model this app encodes with; owned by the app, closed with it. */
    public Encoder encoder() {
        return encoder;
    }

    public Settings settings() {
        return settings;
    }

    /** Requests that encode text which the API runs at once ({@code api.max-concurrent-encodes}). */
    public int maxConcurrentEncodes() {
        return settings.api().bounds().maxConcurrentEncodes();
    }

    /** Such requests the API lets wait for their turn before it answers 429 ({@code api.max-queued-encodes}). */
    public int maxQueuedEncodes() {
        return settings.api().bounds().maxQueuedEncodes();
    }

    /** How many papers had to be encoded at start-up; 0 when every vector came from the cache. */
    public int encodedAtStart() {
        return encodedAtStart;
    }

    /** Stops the HTTP API if {@link #start()} started it, then releases the indexes, the encoder and the store. */
    @Override
    public synchronized void close() {
        if (started != null) {
            started.stop();
            started = null;
        }
        try {
            collection.close();
        } finally {
            try {
                encoder.close();
            } finally {
                try {
                    store.close();
                } catch (Exception e) {
                    LOG.warn("could not close the store: {}", e.toString());
                } finally {
                    metrics.close();
                }
            }
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

    private static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Where a corpus was read from, as the store records it: {@code bundled}, or the absolute path. */
    static String corpusLocation(Settings.Corpus spec) {
        return spec.path().equals(CorpusLoader.BUNDLED) ? CorpusLoader.BUNDLED
                : Path.of(spec.path()).toAbsolutePath().normalize().toString();
    }
}
