package io.simdex.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import io.simdex.config.Settings;
import io.simdex.corpus.Paper;
import io.simdex.search.SearchResult;
import io.simdex.search.SimilarityService;
import io.simdex.search.TokenStats;

/** The HTTP routes: parse and validate, call the service, render JSON. Nothing else. */
final class ApiRoutes {

    static final int DEFAULT_K = 10;

    /** {@code min_score} when none is given: every cosine is at least -1, so nothing is dropped. */
    static final float NO_MIN_SCORE = -1f;

    private final SimilarityService service;
    private final Settings.Api limits;

    ApiRoutes(SimilarityService service, Settings.Api limits) {
        this.service = service;
        this.limits = limits;
    }

    void register(JavalinConfig config) {
        config.routes.get("/health", this::health);
        config.routes.get("/api/search", this::search);
        config.routes.get("/api/papers/{id}", this::paper);
        config.routes.get("/api/papers/{id}/similar", this::similar);
    }

    private void health(Context ctx) {
        ctx.json(new ApiResponses.Health("ok", service.paperCount(), service.modelName(), service.dimension(),
                service.maxTokens()));
    }

    private void search(Context ctx) {
        String q = QueryParams.text(ctx, "q", limits.maxQueryChars());
        int k = k(ctx);
        float minScore = minScore(ctx);
        SearchResult result = service.search(q, k, minScore);
        ctx.json(new ApiResponses.Search(q, k, result.matches(), result.tookMillis()));
    }

    private void paper(Context ctx) {
        String id = ctx.pathParam("id");
        Paper paper = service.paper(id);
        TokenStats tokens = service.tokens(id);
        ctx.json(new ApiResponses.Paper(paper.id(), paper.title(), paper.abstractText(), paper.sources(),
                tokens.tokens(), tokens.tokensEmbedded(), tokens.truncated()));
    }

    private void similar(Context ctx) {
        String id = ctx.pathParam("id");
        int k = k(ctx);
        float minScore = minScore(ctx);
        SearchResult result = service.similar(id, k, minScore);
        ctx.json(new ApiResponses.Similar(id, k, result.matches(), result.tookMillis()));
    }

    private int k(Context ctx) {
        return QueryParams.integer(ctx, "k", Math.min(DEFAULT_K, limits.maxK()), 1, limits.maxK());
    }

    private static float minScore(Context ctx) {
        return QueryParams.number(ctx, "min_score", NO_MIN_SCORE, -1f, 1f);
    }
}
