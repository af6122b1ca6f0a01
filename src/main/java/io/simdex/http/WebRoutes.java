package io.simdex.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.util.Map;
import java.util.Set;

/**
 * The web page for people: one HTML page at {@code /} and {@code /papers/{id}} (the page's script picks the view
 * from the address), and its scripts and style sheet under {@code /app/}, all from the jar. The page needs no
 * other site and runs under a policy that allows no inline script or style.
 */
final class WebRoutes {

    /** The page's only sources are this service; no inline script or style, no frames, no foreign forms. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'self'";

    /**
     * The query parameters of a deep link to the page: a search to run when it opens (with its repeatable metadata
     * filters), and the view to show.
     */
    static final Set<String> PAGE_PARAMETERS = Set.of("q", "mode", "k", "view", "filter");

    private static final String FOLDER = "/io/simdex/web/";
    private static final String PAGE = FOLDER + "index.html";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    /** The files under {@code /app/}, and their content types. */
    static final Map<String, String> ASSETS = Map.ofEntries(
            Map.entry("app.js", JAVASCRIPT),
            Map.entry("api.js", JAVASCRIPT),
            Map.entry("dom.js", JAVASCRIPT),
            Map.entry("search.js", JAVASCRIPT),
            Map.entry("paper.js", JAVASCRIPT),
            Map.entry("check.js", JAVASCRIPT),
            Map.entry("clusters.js", JAVASCRIPT),
            Map.entry("map.js", JAVASCRIPT),
            Map.entry("basket.js", JAVASCRIPT),
            Map.entry("manage.js", JAVASCRIPT),
            Map.entry("style.css", "text/css; charset=utf-8"));

    private WebRoutes() {
    }

    static void register(JavalinConfig config) {
        ApiRoutes.get(config, "/", ctx -> page(ctx, PAGE_PARAMETERS));
        ApiRoutes.get(config, "/papers/{id}", ctx -> page(ctx, Set.of()));
        ApiRoutes.get(config, "/app/{asset}", ctx -> {
            QueryParams.only(ctx, Set.of());
            String name = ctx.pathParam("asset");
            String type = ASSETS.get(name);
            if (type == null) {
                throw new NotFoundResponse("no file '" + name + "' under /app; the page is at GET /");
            }
            ApiDocs.serveChecked(ctx, FOLDER + name, type);
        });
    }

    private static void page(Context ctx, Set<String> accepted) {
        QueryParams.only(ctx, accepted);
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        ApiDocs.serveChecked(ctx, PAGE, "text/html; charset=utf-8");
    }
}
