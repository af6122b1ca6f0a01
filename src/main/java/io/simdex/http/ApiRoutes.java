package io.simdex.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

import io.simdex.api.ApiResponses;
import io.simdex.corpus.Paper;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.PaperCollection;
import io.simdex.ingest.TokenStats;
import io.simdex.map.CorpusMapView;
import io.simdex.search.DuplicateRule;
import io.simdex.search.Duplicates;
import io.simdex.search.InvalidQueryException;
import io.simdex.search.Match;
import io.simdex.search.MetadataFilter;
import io.simdex.search.QueryText;
import io.simdex.search.RecommendStrategy;
import io.simdex.search.RelatedOptions;
import io.simdex.search.ResultFilter;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchResult;
import io.simdex.search.SearchService;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The HTTP routes: parse and validate, call the service, render JSON. Nothing else. */
final class ApiRoutes {

    static final int DEFAULT_K = 10;

    /** Several searches in one request. */
    static final String BATCH_PATH = "/api/search/_batch";

    private static final Set<String> FILTER_FIELDS = Set.of("k", "min_score", "max_score", "exclude", "explain",
            "filter", "fields");
    private static final Set<String> SEARCH_PARAMETERS = union(Set.of("q", "mode", "offset"), FILTER_FIELDS);
    /** Body fields of the POST searches: the filter, and {@code offset} for paging. */
    private static final Set<String> PAGED_FIELDS = union(Set.of("offset"), FILTER_FIELDS);
    /** How "more like this" for a paper or examples picks its answer: duplicates and diversity. */
    private static final Set<String> RELATED_FIELDS = Set.of("duplicates", "diversity");
    private static final Set<String> SIMILAR_PARAMETERS = union(union(PAGED_FIELDS, RELATED_FIELDS), Set.of("mode"));
    /** Fields of each query of {@code POST /api/search/_batch}: those of {@code GET /api/search}. */
    private static final Set<String> BATCH_QUERY_FIELDS = SEARCH_PARAMETERS;
    /** The most queries one {@code POST /api/search/_batch} may hold. */
    static final int MAX_BATCH_QUERIES = 64;
    private static final String BATCH_EXAMPLE = "{\"queries\": [{\"q\": \"graph neural networks\", \"k\": 5},"
            + " {\"q\": \"protein folding\", \"mode\": \"vector\"}]}";
    /** The deepest page: {@code offset + k} may reach this many times {@code api.max-k}. */
    private static final int MAX_DEPTH_PAGES = 10;
    private static final Set<String> TEXT_FIELDS = Set.of("text", "title", "abstract");
    private static final String TEXT_EXAMPLE = QueryText.EXAMPLE;

    private final ServiceSlot slot;
    private final HttpOptions limits;
    private final ObjectMapper mapper;
    private final EncodeGate gate;

    ApiRoutes(ServiceSlot slot, HttpOptions limits, ObjectMapper mapper, EncodeGate gate) {
        this.slot = slot;
        this.limits = limits;
        this.mapper = mapper;
        this.gate = gate;
    }

    void register(JavalinConfig config) {
        get(config, "/livez", this::livez);
        get(config, "/readyz", this::readyz);
        get(config, "/health", this::health);
        get(config, "/api/search", gate.gatedUnless(this::answersWithoutModel, this::search));
        config.routes.post(BATCH_PATH, gate.gated(this::searchBatch));
        get(config, "/api/papers/{id}", this::paper);
        get(config, "/api/papers/{id}/similar", gate.gatedWhenExplaining(this::similar));
        config.routes.post("/api/similar", gate.gated(this::similarToText));
        config.routes.post("/api/recommend", gate.gated(this::recommend));
        config.routes.post("/api/duplicates/check", gate.gated(this::checkDuplicate));
        get(config, "/api/duplicates", this::duplicates);
        get(config, "/api/map", this::map);
        for (var route : ALLOWED.entrySet()) {
            config.routes.options(route.getKey(), ctx -> ctx.header(Header.ALLOW, route.getValue())
                    .status(HttpStatus.NO_CONTENT));
        }
    }

    /** Every path and the methods it takes, for OPTIONS; the bulk path before the id it would match. */
    private static final Map<String, String> ALLOWED = allowed();

    private static Map<String, String> allowed() {
        var allowed = new LinkedHashMap<String, String>();
        String reads = "GET, HEAD, OPTIONS";
        for (String path : List.of("/livez", "/readyz", "/health", HttpMetrics.PATH, "/api/search",
                "/api/papers/{id}/similar", "/api/duplicates", "/api/map", "/openapi.json", "/docs",
                "/docs/{asset}", "/", "/papers/{id}", "/app/{asset}")) {
            allowed.put(path, reads);
        }
        for (String path : List.of(BATCH_PATH, "/api/similar", "/api/recommend", "/api/duplicates/check",
                WriteRoutes.BULK_PATH, "/api/snapshots", EmbeddingRoutes.OPENAI_PATH, EmbeddingRoutes.TEI_PATH)) {
            allowed.put(path, "OPTIONS, POST");
        }
        allowed.put("/api/papers/{id}", reads + ", PUT, DELETE");
        return Collections.unmodifiableMap(allowed);
    }

    /** A GET route, and HEAD on the same path: the same answer without its body. */
    static void get(JavalinConfig config, String path, Handler handler) {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
    }

    /** Alive: the process answers HTTP (whether or not the collection is loaded yet). */
    private void livez(Context ctx) {
        QueryParams.only(ctx, Set.of());
        ctx.json(Map.of("status", "live"));
    }

    /** Ready: the collection and the model are loaded, so every route answers; 503 until then. */
    private void readyz(Context ctx) {
        QueryParams.only(ctx, Set.of());
        PaperCollection collection = slot.get().collection();
        if (collection != null && !collection.available()) {
            ctx.header("Retry-After", "5");
            throw new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(), "the collection's store does"
                    + " not answer (is the Elasticsearch cluster reachable?); /readyz answers 200 again once it"
                    + " does");
        }
        ctx.json(Map.of("status", "ready"));
    }

    /** An answer's {@code exact}: false when its ranking by meaning is approximate, else null (left out). */
    private Boolean exact(SearchMode mode) {
        return mode == SearchMode.LEXICAL || service().exactByMeaning() ? null : Boolean.FALSE;
    }

    private SearchService service() {
        return slot.get().search();
    }

    private DuplicateService duplicates() {
        return slot.get().duplicates();
    }

    /** The live collection, for versions; null for a read-only API. */
    private PaperCollection collection() {
        return slot.get().collection();
    }

    private void health(Context ctx) {
        QueryParams.only(ctx, Set.of());
        ctx.json(new ApiResponses.Health("ok", service().paperCount(), service().modelName(), service().dimension(),
                service().maxTokens()));
    }

    private void search(Context ctx) {
        QueryParams.only(ctx, SEARCH_PARAMETERS);
        String q = QueryParams.text(ctx, "q", limits.maxQueryChars());
        SearchMode mode = mode(ctx);
        ResultFilter filter = filter(ctx);
        int offset = offset(ctx, filter);
        SearchResult result = service().search(q, deeper(filter, offset), mode);
        ctx.json(new ApiResponses.Search(q, mode, filter.k(), offset, page(result, offset), result.tookMillis(),
                exact(mode)));
    }

    /**
     * Whether a {@code GET /api/search} can be answered without the model, so without a turn at the gate: no
     * explanation, and a lexical search or a query whose embedding is cached. Anything it cannot read is left for
     * the gated handler to refuse.
     */
    private boolean answersWithoutModel(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank() || q.length() > limits.maxQueryChars() || EncodeGate.explaining(ctx)
                || !slot.ready()) {
            return false;
        }
        String label = ctx.queryParam("mode");
        SearchService service = service();
        SearchMode mode = label == null ? service.searchOptions().defaultMode()
                : SearchMode.byLabel(label).orElse(null);
        return mode != null && service.answersWithoutModel(q, mode);
    }

    /**
     * Several searches in one request, each as {@code GET /api/search} would answer it; a bad query fails the
     * whole request, naming its place in the list.
     */
    private void searchBatch(Context ctx) {
        QueryParams.only(ctx, Set.of());
        JsonBody body = JsonBody.parse(ctx, mapper, Set.of("queries"), BATCH_EXAMPLE);
        List<JsonBody> queries = body.objects("queries", MAX_BATCH_QUERIES, BATCH_QUERY_FIELDS, BATCH_EXAMPLE);
        long start = System.nanoTime();
        var answers = new ArrayList<ApiResponses.Search>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            JsonBody query = queries.get(i);
            try {
                answers.add(search(query));
            } catch (HttpResponseException | InvalidQueryException e) {
                throw QueryParams.invalid("queries", "queries[" + i + "]: " + e.getMessage());
            }
        }
        ctx.json(new ApiResponses.SearchBatch(answers, (System.nanoTime() - start) / 1_000_000));
    }

    private ApiResponses.Search search(JsonBody query) {
        if (!query.has("q")) {
            throw QueryParams.invalid("q", "field 'q' is missing; give each query the text to search for");
        }
        String q = query.text("q", limits.maxQueryChars());
        if (q.isBlank()) {
            throw QueryParams.invalid("q", "field 'q' is blank; give it some text to search for");
        }
        SearchMode mode = query.has("mode") ? mode(query.text("mode", 20)) : service().searchOptions().defaultMode();
        ResultFilter filter = filter(query);
        int offset = offset(query, filter);
        SearchResult result = service().search(q, deeper(filter, offset), mode);
        return new ApiResponses.Search(q, mode, filter.k(), offset, page(result, offset), result.tookMillis(),
                exact(mode));
    }

    private void paper(Context ctx) {
        String id = ctx.pathParam("id");
        Paper paper = service().paper(id); // an unknown id is a 404 before any parameter complaint
        QueryParams.only(ctx, Set.of());
        TokenStats tokens = service().tokens(id);
        Long version = collection() == null ? null
                : collection().stored(id).map(stored -> stored.version()).orElse(null);
        if (version != null) {
            ctx.header(Header.ETAG, "\"" + version + "\"");
        }
        ctx.json(new ApiResponses.Paper(paper.id(), paper.title(), paper.abstractText(), paper.metadata(),
                paper.sources(), tokens.tokens(), tokens.tokensEmbedded(), tokens.truncated(), version));
    }

    private void similar(Context ctx) {
        String id = ctx.pathParam("id");
        service().paper(id); // an unknown id is a 404 before any parameter complaint
        QueryParams.only(ctx, SIMILAR_PARAMETERS);
        ResultFilter filter = filter(ctx);
        int offset = offset(ctx, filter);
        String label = ctx.queryParam("mode");
        RelatedOptions related = new RelatedOptions(label == null ? SearchMode.VECTOR : mode(label),
                duplicatesPolicy(ctx.queryParam("duplicates")), duplicates().rule(),
                QueryParams.number(ctx, "diversity", 0f, 0f, 1f));
        SearchResult result = service().similar(id, deeper(filter, offset), related);
        ctx.json(new ApiResponses.Similar(id, filter.k(), offset, page(result, offset), result.tookMillis(),
                exact(related.mode())));
    }

    private void similarToText(Context ctx) {
        QueryParams.only(ctx, Set.of());
        JsonBody body = JsonBody.parse(ctx, mapper, union(union(TEXT_FIELDS, PAGED_FIELDS), Set.of("diversity")),
                TEXT_EXAMPLE);
        String text = text(body);
        ResultFilter filter = filter(body);
        int offset = offset(body, filter);
        var related = new RelatedOptions(Duplicates.INCLUDE, DuplicateRule.NONE, body.number("diversity", 0f, 0f, 1f));
        SearchResult result = service().similarToText(text, deeper(filter, offset), related);
        ctx.json(new ApiResponses.Search(text, null, filter.k(), offset, page(result, offset), result.tookMillis(),
                exact(SearchMode.VECTOR)));
    }

    private void recommend(Context ctx) {
        QueryParams.only(ctx, Set.of());
        JsonBody body = JsonBody.parse(ctx, mapper, union(union(Set.of("positive", "negative", "strategy"),
                PAGED_FIELDS), RELATED_FIELDS),
                "{\"positive\": [\"paper-id\"], \"negative\": [], \"k\": 10, \"strategy\": \"average_vector\"}");
        if (!body.has("positive")) {
            throw QueryParams.invalid("positive", "field 'positive' is missing; list at least one paper id, e.g. "
                    + "{\"positive\": [\"paper-id\"]}");
        }
        List<String> positive = body.strings("positive", limits.maxExamples());
        List<String> negative = body.strings("negative", limits.maxExamples());
        if (positive.size() + negative.size() > limits.maxExamples()) {
            throw QueryParams.invalid("negative", "'positive' and 'negative' list " + (positive.size() + negative.size())
                    + " ids together; the limit is " + limits.maxExamples() + " (api.max-examples)");
        }
        RecommendStrategy strategy = strategy(body);
        ResultFilter filter = filter(body);
        int offset = offset(body, filter);
        RelatedOptions related = new RelatedOptions(
                duplicatesPolicy(body.has("duplicates") ? body.text("duplicates", 20) : null), duplicates().rule(),
                body.number("diversity", 0f, 0f, 1f));
        SearchResult result = service().recommend(positive, negative, strategy, deeper(filter, offset), related);
        ctx.json(new ApiResponses.Recommend(positive, negative, strategy, filter.k(), offset, page(result, offset),
                result.tookMillis(), exact(SearchMode.VECTOR)));
    }

    private void checkDuplicate(Context ctx) {
        QueryParams.only(ctx, Set.of());
        JsonBody body = JsonBody.parse(ctx, mapper, union(TEXT_FIELDS, Set.of("k", "explain")), TEXT_EXAMPLE);
        String text = text(body);
        int k = body.integer("k", Math.min(duplicates().options().matches(), limits.maxK()), 1, limits.maxK());
        ctx.json(duplicates().check(text, k, body.bool("explain", false)));
    }

    private void duplicates(Context ctx) {
        QueryParams.only(ctx, Set.of("threshold"));
        float threshold = QueryParams.number(ctx, "threshold", duplicates().options().bands().nearDuplicate(),
                0f, 1f);
        if (threshold <= 0f) {
            throw QueryParams.invalid("threshold", "query parameter 'threshold' must be above 0 and at most 1, got '"
                    + ctx.queryParam("threshold") + "'; duplicates usually score 0.9 or more");
        }
        ctx.json(duplicates().clusters(threshold));
    }

    /** Every paper on a 2-D map, by cluster; computed once per version of the collection. */
    private void map(Context ctx) {
        QueryParams.only(ctx, Set.of());
        long start = System.nanoTime();
        CorpusMapView map = slot.get().map().map();
        ctx.json(ApiResponses.CorpusMap.of(map, (System.nanoTime() - start) / 1_000_000));
    }

    private ResultFilter filter(Context ctx) {
        int k = QueryParams.integer(ctx, "k", defaultK(), 1, limits.maxK());
        float minScore = QueryParams.number(ctx, "min_score", ResultFilter.NO_MIN_SCORE, -1f, 1f);
        float maxScore = QueryParams.number(ctx, "max_score", ResultFilter.NO_MAX_SCORE, -1f, 1f);
        return filter(k, minScore, maxScore, QueryParams.ids(ctx, "exclude", limits.maxK() * 10),
                QueryParams.bool(ctx, "explain", false))
                .withMetadata(MetadataFilter.parse(ctx.queryParams("filter")), withMetadata(ctx.queryParams("fields")));
    }

    private ResultFilter filter(JsonBody body) {
        int k = body.integer("k", defaultK(), 1, limits.maxK());
        float minScore = body.number("min_score", ResultFilter.NO_MIN_SCORE, -1f, 1f);
        float maxScore = body.number("max_score", ResultFilter.NO_MAX_SCORE, -1f, 1f);
        return filter(k, minScore, maxScore, body.strings("exclude", limits.maxK() * 10), body.bool("explain", false))
                .withMetadata(body.metadataFilter("filter"), withMetadata(body.strings("fields", 10)));
    }

    /**
     * {@code offset}: how many of the best results to skip, for paging; {@code offset + k} may reach
     * {@value #MAX_DEPTH_PAGES} times {@code api.max-k}, or {@code api.max-k} with {@code explain}, which is costly
     * per result.
     */
    private int offset(Context ctx, ResultFilter filter) {
        return QueryParams.integer(ctx, "offset", 0, 0, deepest(filter) - filter.k());
    }

    /** {@code offset} in a body; see {@link #offset(Context, ResultFilter)}. */
    private int offset(JsonBody body, ResultFilter filter) {
        return body.integer("offset", 0, 0, deepest(filter) - filter.k());
    }

    private int deepest(ResultFilter filter) {
        return filter.explain() ? limits.maxK() : limits.maxK() * MAX_DEPTH_PAGES;
    }

    /** The filter asking for the results up to the end of the page. */
    private static ResultFilter deeper(ResultFilter filter, int offset) {
        return offset == 0 ? filter : new ResultFilter(filter.k() + offset, filter.minScore(), filter.maxScore(),
                filter.exclude(), filter.explain(), filter.metadata(), filter.withMetadata());
    }

    /** The page after the first {@code offset} results; ranks stay those of the whole ranking. */
    private static List<Match> page(SearchResult result, int offset) {
        List<Match> all = result.matches();
        return all.subList(Math.min(offset, all.size()), all.size());
    }

    /** {@code fields=metadata}: the one extra field a match can carry. */
    private static boolean withMetadata(List<String> fields) {
        boolean metadata = false;
        for (String field : fields) {
            for (String name : field.split(",")) {
                if (name.strip().equals("metadata")) {
                    metadata = true;
                } else if (!name.isBlank()) {
                    throw QueryParams.invalid("fields", "unknown field '" + name.strip() + "' in 'fields'; results"
                            + " can carry 'metadata' (fields=metadata)");
                }
            }
        }
        return metadata;
    }

    private static ResultFilter filter(int k, float minScore, float maxScore, List<String> exclude, boolean explain) {
        if (maxScore < minScore) {
            throw QueryParams.invalid("max_score", "max_score (" + maxScore + ") is below min_score (" + minScore
                    + "); the band [min_score, max_score] would be empty");
        }
        return new ResultFilter(k, minScore, maxScore, new LinkedHashSet<>(exclude), explain);
    }

    /** The text to embed: {@code text}, or a title and abstract joined as papers are. */
    private String text(JsonBody body) {
        String joined = QueryText.of(body.text("text", limits.maxTextChars()), body.text("title", limits.maxTextChars()),
                body.text("abstract", limits.maxTextChars()));
        if (joined.length() > limits.maxTextChars()) {
            throw QueryParams.invalid("abstract", "title and abstract have " + joined.length()
                    + " characters together; the limit is " + limits.maxTextChars() + " (api.max-text-chars)");
        }
        return joined;
    }

    /** The request's {@code mode}, or the configured default ({@code search.mode}) when it names none. */
    private SearchMode mode(Context ctx) {
        String label = ctx.queryParam("mode");
        return label == null ? service().searchOptions().defaultMode() : mode(label);
    }

    private static SearchMode mode(String label) {
        return SearchMode.byLabel(label).orElseThrow(() -> QueryParams.invalid("mode",
                "'mode' must be one of " + SearchMode.labels() + ", got '" + label + "'"));
    }

    /** {@code duplicates}: what to do with the duplicates of the paper asked about; null for the default. */
    private static Duplicates duplicatesPolicy(String label) {
        if (label == null) {
            return Duplicates.byDefault();
        }
        return Duplicates.byLabel(label.strip()).orElseThrow(() -> QueryParams.invalid("duplicates",
                "'duplicates' must be one of " + Duplicates.labels() + " (leave the paper's duplicates out, rank them"
                        + " like any paper, or rank and mark them), got '" + label + "'"));
    }

    private static RecommendStrategy strategy(JsonBody body) {
        if (!body.has("strategy")) {
            return RecommendStrategy.AVERAGE_VECTOR;
        }
        String label = body.text("strategy", 100);
        return RecommendStrategy.byLabel(label).orElseThrow(() -> QueryParams.invalid("strategy",
                "unknown strategy '" + label + "'; use one of " + RecommendStrategy.labels()));
    }

    private int defaultK() {
        return Math.min(DEFAULT_K, limits.maxK());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
