package io.simdex.tools.bench;

import io.simdex.App;
import io.simdex.BareHttp;
import io.simdex.config.Settings;
import io.simdex.config.SettingsLoader;
import io.simdex.corpus.Paper;
import io.simdex.encode.Encoder;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The HTTP API under closed-loop load on loopback: the service as {@code simdex serve} runs it (config file,
 * environment and {@code --set}, a fresh temporary store seeded from the corpus) next to peers in the same JVM:
 * a bare Javalin for lookups, {@code Encoder.encodeQuery} in process for search, and the unloaded service for
 * overload. The load clients run in the same JVM too, so they share the machine's cores with the server.
 */
final class HttpSuite {

    /** Requests of the lookup scenario ask for this many similar papers. */
    static final int SIMILAR_K = 10;

    /** Concurrent clients of the lookup scenario. */
    static final List<Integer> LOOKUP_CLIENTS = List.of(16, 64);

    /** Overload sends this many times as many clients as the API admits (running plus waiting). */
    static final int OVERLOAD_FACTOR = 4;

    /**
     * The polite overload's clients wait this long after a 429: the {@code Retry-After} simdex sends while its
     * admitted requests take less than a third of a second.
     */
    static final Duration PAUSE_AFTER_REFUSAL = Duration.ofSeconds(1);

    /** Words per phrase cut from the abstracts for the query set. */
    private static final int PHRASE_WORDS = 6;

    private static final String BARE = "bare Javalin GET " + BareHttp.PATH;
    private static final String HEALTH = "GET /health";
    private static final String SIMILAR = "GET /api/papers/{id}/similar?k=" + SIMILAR_K;
    private static final String RAW_ENCODE = "Encoder.encodeQuery, in process";
    private static final String SEARCH_VECTOR = "GET /api/search?q=…&mode=vector";
    private static final String SEARCH_DEFAULT = "GET /api/search?q=… (default mode)";
    private static final String REPEATED = ", repeated-query mix";

    private final BenchOptions options;
    private final PrintStream progress;
    private final List<String> notes = new ArrayList<>();
    private final AtomicLong nextQuery = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private List<String> queries = List.of();

    HttpSuite(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Lines for the results' notes: the service settings that differ, and repeated queries. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Starts the service and the bare peer, runs every scenario, and stops both.
     *
     * @throws Exception when the service cannot start or a request fails with anything but an I/O error
     */
    List<BenchResults.HttpRow> run() throws Exception {
        Path folder = Files.createTempDirectory("simdex-bench-http-");
        try {
            var overrides = new LinkedHashMap<String, String>();
            overrides.put("server.host", "127.0.0.1");
            overrides.put("server.port", "0");
            overrides.put("model.cache-dir", options.modelCache().toString());
            overrides.put("store.path", folder.resolve("simdex.db").toString());
            overrides.putAll(options.load().serviceSettings());
            if (!options.load().serviceSettings().isEmpty()) {
                notes.add("HTTP suite service settings: " + options.load().serviceSettings());
            }
            Settings settings = SettingsLoader.load(null, System.getenv(), overrides);
            progress.printf("[bench] http: starting the service (%s %s, corpus %s); a new store encodes every paper "
                    + "first%n", settings.model().name(), settings.precision().choice().describe(),
                    settings.corpus().path());
            notes.add("HTTP suite: the service ran " + settings.model().name() + " "
                    + settings.precision().choice().describe());
            long started = System.nanoTime();
            try (App app = App.serve(settings); BareHttp bare = BareHttp.start()) {
                progress.printf(Locale.ROOT, "[bench] http: serving %d papers on port %d after %.1f s; bare Javalin "
                        + "on port %d%n", app.search().paperCount(), app.port(), (System.nanoTime() - started) / 1e9,
                        bare.port());
                List<Paper> papers = app.indexed().corpus().papers();
                queries = queries(papers, options.seed());
                var rows = new ArrayList<BenchResults.HttpRow>();
                if (options.load().runs("lookup")) {
                    lookups(app, bare, papers, rows);
                }
                if (options.load().runs("search")) {
                    search(app, rows);
                }
                if (options.load().runs("overload")) {
                    overload(app, rows);
                }
                long used = nextQuery.get();
                if (used > queries.size()) {
                    notes.add("HTTP suite: " + used + " queries sent from a set of " + queries.size()
                            + " distinct ones, so some were repeated");
                }
                return rows;
            }
        } finally {
            delete(folder);
        }
    }

    private void lookups(App app, BareHttp bare, List<Paper> papers, List<BenchResults.HttpRow> rows)
            throws InterruptedException {
        String service = "http://127.0.0.1:" + app.port();
        List<String> ids = papers.stream().map(Paper::id).toList();
        int most = Collections.max(LOOKUP_CLIENTS);
        var randoms = new Random[most];
        for (int c = 0; c < most; c++) {
            randoms[c] = new Random(options.seed() + c);
        }
        LoadRun.Call bareGet = httpGet(client, "http://127.0.0.1:" + bare.port(), (c, n) -> BareHttp.PATH);
        LoadRun.Call healthGet = httpGet(client, service, (c, n) -> "/health");
        LoadRun.Call similarGet = httpGet(client, service, (c, n) -> "/api/papers/"
                + encode(ids.get(randoms[c].nextInt(ids.size()))) + "/similar?k=" + SIMILAR_K);
        warmUp("lookup", LOOKUP_CLIENTS.get(0), bareGet, healthGet, similarGet);
        for (int clients : LOOKUP_CLIENTS) {
            var bareRun = measure("lookup", BARE, clients, bareGet);
            rows.add(row("lookup", BARE, bareRun, null, null));
            rows.add(row("lookup", HEALTH, measure("lookup", HEALTH, clients, healthGet), BARE, bareRun));
            rows.add(row("lookup", SIMILAR, measure("lookup", SIMILAR, clients, similarGet), BARE, bareRun));
        }
    }

    private void search(App app, List<BenchResults.HttpRow> rows) throws InterruptedException {
        String service = "http://127.0.0.1:" + app.port();
        Encoder encoder = app.encoder();
        int threads = app.maxConcurrentEncodes();
        LoadRun.Call encodeQuery = (c, n) -> {
            encoder.encodeQuery(nextQuery());
            return 200;
        };
        LoadRun.Call vectorGet = httpGet(client, service, (c, n) -> "/api/search?mode=vector&q=" + encode(nextQuery()));
        LoadRun.Call defaultGet = httpGet(client, service, (c, n) -> "/api/search?q=" + encode(nextQuery()));
        // as many clients as the API admits: every one is served, none refused
        int clients = app.maxConcurrentEncodes() + app.maxQueuedEncodes();
        warmUp("search", threads, encodeQuery, vectorGet, defaultGet);
        var raw = measure("search", RAW_ENCODE, threads, encodeQuery);
        rows.add(row("search", RAW_ENCODE, raw, null, null));
        rows.add(row("search", SEARCH_VECTOR, measure("search", SEARCH_VECTOR, clients, vectorGet), RAW_ENCODE, raw));
        rows.add(row("search", SEARCH_DEFAULT, measure("search", SEARCH_DEFAULT, clients, defaultGet), RAW_ENCODE,
                raw));
        if (options.load().zipfExponent() > 0) {
            repeatedMix(app, clients, raw, rows);
        }
    }

    /**
     * The same searches with queries drawn from a Zipf mix over the last {@code --http-zipf-queries} queries of
     * the set (which the distinct runs before it did not reach), against the same raw encoding; a note per run
     * says how many of its requests repeated an earlier query and how many the query cache answered.
     */
    private void repeatedMix(App app, int clients, LoadRun.Result raw, List<BenchResults.HttpRow> rows)
            throws InterruptedException {
        String service = "http://127.0.0.1:" + app.port();
        int distinct = Math.min(options.load().zipfQueries(), queries.size());
        var mix = new ZipfQueries(queries.subList(queries.size() - distinct, queries.size()),
                options.load().zipfExponent());
        var randoms = new Random[clients];
        for (int c = 0; c < clients; c++) {
            randoms[c] = new Random(options.seed() + 1000 + c);
        }
        Set<String> sent = ConcurrentHashMap.newKeySet();
        var drawn = new AtomicLong();
        var repeats = new AtomicLong();
        Target draw = (c, n) -> {
            String q = mix.draw(randoms[c]);
            drawn.incrementAndGet();
            if (!sent.add(q)) {
                repeats.incrementAndGet();
            }
            return encode(q);
        };
        String mixName = String.format(Locale.ROOT, "Zipf s = %s over %d queries", options.load().zipfExponent(),
                mix.size());
        var cache = app.search().queryCache();
        for (Map.Entry<String, String> target : List.of(Map.entry(SEARCH_VECTOR, "/api/search?mode=vector&q="),
                Map.entry(SEARCH_DEFAULT, "/api/search?q="))) {
            LoadRun.Call call = httpGet(client, service, (c, n) -> target.getValue() + draw.pathAndQuery(c, n));
            long drawnBefore = drawn.get();
            long repeatsBefore = repeats.get();
            long hitsBefore = cache.hits();
            long missesBefore = cache.misses();
            String name = target.getKey() + REPEATED;
            rows.add(row("search", name, measure("search", name, clients, call), RAW_ENCODE, raw));
            long requests = drawn.get() - drawnBefore;
            long hits = cache.hits() - hitsBefore;
            long lookups = hits + cache.misses() - missesBefore;
            notes.add(String.format(Locale.ROOT, "HTTP suite, %s (%s): %d requests (warm-up included), %.1f %% "
                    + "repeated a query sent before in the mix; the query cache (size %d) answered %.1f %% of its "
                    + "lookups", name, mixName, requests, 100.0 * (repeats.get() - repeatsBefore) / Math.max(1, requests),
                    cache.maxEntries(), 100.0 * hits / Math.max(1, lookups)));
        }
    }

    private void overload(App app, List<BenchResults.HttpRow> rows) throws InterruptedException {
        String service = "http://127.0.0.1:" + app.port();
        LoadRun.Call search = httpGet(client, service, (c, n) -> "/api/search?q=" + encode(nextQuery()));
        String unloadedName = SEARCH_DEFAULT + ", unloaded";
        var unloaded = measure("overload", unloadedName, 1, search);
        rows.add(row("overload", unloadedName, unloaded, null, null));
        int clients = OVERLOAD_FACTOR * (app.maxConcurrentEncodes() + app.maxQueuedEncodes());
        String overloadedName = SEARCH_DEFAULT + ", " + OVERLOAD_FACTOR + "× overload";
        var overloaded = measure("overload", overloadedName, clients, search);
        rows.add(row("overload", overloadedName, overloaded, unloadedName, unloaded));
        String politeName = overloadedName + ", clients pause " + PAUSE_AFTER_REFUSAL.toSeconds() + " s after a 429";
        progress.printf(Locale.ROOT, "[bench] http overload: %s%n", politeName);
        var polite = LoadRun.run(new LoadRun.Plan(clients, options.load().warmup(), options.load().measured(),
                PAUSE_AFTER_REFUSAL), search);
        rows.add(row("overload", politeName, polite, unloadedName, unloaded));
    }

    /**
     * Loads every target of a scenario once, unmeasured, before any of them is measured, so that the first target
     * does not pay alone for the JIT compiling the code they share (Jetty, the HTTP client).
     */
    private void warmUp(String scenario, int clients, LoadRun.Call... calls) throws InterruptedException {
        if (options.load().warmupSeconds() == 0) {
            return;
        }
        progress.printf(Locale.ROOT, "[bench] http %s: warming up %d target(s), %.0f s each%n", scenario,
                calls.length, options.load().warmupSeconds());
        for (LoadRun.Call call : calls) {
            LoadRun.run(new LoadRun.Plan(clients, Duration.ZERO, options.load().warmup()), call);
        }
    }

    private LoadRun.Result measure(String scenario, String target, int clients, LoadRun.Call call)
            throws InterruptedException {
        progress.printf(Locale.ROOT, "[bench] http %s: %s, %d client(s), %.0f s warm-up + %.0f s%n", scenario,
                target, clients, options.load().warmup().toMillis() / 1e3, options.load().measured().toMillis() / 1e3);
        var result = LoadRun.run(new LoadRun.Plan(clients, options.load().warmup(), options.load().measured()), call);
        Latency ok = result.latency().get(200);
        progress.printf(Locale.ROOT, "[bench] http %s: %.1f ok/s, p50 %s ms, p99 %s ms, statuses %s%n", scenario,
                result.perSecond(200), ok == null ? "—" : String.format(Locale.ROOT, "%.2f", ok.p50Ms()),
                ok == null ? "—" : String.format(Locale.ROOT, "%.2f", ok.p99Ms()), result.statuses());
        return result;
    }

    private String nextQuery() {
        return queries.get((int) (nextQuery.getAndIncrement() % queries.size()));
    }

    /**
     * One row: throughput and latencies of {@code result}, and, when {@code peer} is given, the ratios of its
     * 200s per second and its p99 to the peer's.
     */
    static BenchResults.HttpRow row(String scenario, String target, LoadRun.Result result, String peerName,
                                    LoadRun.Result peer) {
        Latency ok = result.latency().get(200);
        Latency peerOk = peer == null ? null : peer.latency().get(200);
        Double throughputRatio = peer == null || peer.count(200) == 0 ? null : result.perSecond(200) / peer.perSecond(200);
        Double p99Ratio = ok == null || peerOk == null || peerOk.p99Ms() == 0 ? null : ok.p99Ms() / peerOk.p99Ms();
        long refused = result.count(429);
        return new BenchResults.HttpRow(scenario, target, result.clients(), result.seconds(), result.answers(),
                result.count(200), refused, result.answers() - result.count(200) - refused, result.statuses(),
                result.perSecond(200), result.share(429), ok, result.latency().get(429), peerName, throughputRatio,
                p99Ratio);
    }

    /** A call that GETs {@code base} + the path and query {@code target} gives for each request. */
    static LoadRun.Call httpGet(HttpClient client, String base, Target target) {
        return (c, n) -> {
            var request = HttpRequest.newBuilder(URI.create(base + target.pathAndQuery(c, n)))
                    .timeout(Duration.ofSeconds(60)).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        };
    }

    /** The path and query of one request of one client. */
    @FunctionalInterface
    interface Target {
        String pathAndQuery(int client, long sequence);
    }

    /**
     * Search queries as people type them: every paper title, then phrases of {@value #PHRASE_WORDS} consecutive
     * words cut from the abstracts; distinct, in a seeded random order.
     */
    static List<String> queries(List<Paper> papers, long seed) {
        var distinct = new LinkedHashSet<String>();
        papers.stream().map(Paper::title).filter(t -> !t.isBlank()).forEach(distinct::add);
        for (Paper p : papers) {
            String[] words = p.abstractText().split("\\s+");
            for (int i = 0; i + PHRASE_WORDS <= words.length; i += PHRASE_WORDS) {
                distinct.add(String.join(" ", List.of(words).subList(i, i + PHRASE_WORDS)));
            }
        }
        var shuffled = new ArrayList<>(distinct);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
