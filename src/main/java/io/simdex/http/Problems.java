package io.simdex.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.search.InvalidQueryException;
import io.simdex.search.UnknownPaperException;
import io.simdex.store.PartialWriteException;
import io.simdex.store.StoreException;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** The one place where failures become problem responses; routes only throw. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    static void register(JavalinConfig config, HttpOptions limits) {
        config.routes.exception(EndpointNotFound.class, (e, ctx) -> write(ctx, 404, "no route " + ctx.method()
                + " " + ctx.path() + "; the API has GET /health, /api/search, /api/papers/{id}, "
                + "/api/papers/{id}/similar and /api/duplicates; POST /api/search/_batch, /api/similar,"
                + " /api/recommend, /api/duplicates/check, " + EmbeddingRoutes.OPENAI_PATH + " and "
                + EmbeddingRoutes.TEI_PATH + "; and, with the API key, PUT and DELETE /api/papers/{id}, POST "
                + WriteRoutes.BULK_PATH + " and POST /api/snapshots; GET /openapi.json describes each (GET /docs"
                + " shows it)", null));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(),
                e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode() ? tooLarge(ctx, e, limits) : e.getMessage(),
                e.getDetails().get(QueryParams.PARAMETER)));
        config.routes.exception(StoreException.class, (e, ctx) -> {
            LOG.error("the store failed on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 503, e instanceof PartialWriteException partial ? partial.getMessage()
                    : "the store could not complete this request, so nothing was changed; retry in a moment"
                    + " (the server log says why)", null);
        });
        config.routes.exception(ServiceSlot.NotReady.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            write(ctx, 503, e.getMessage(), null);
        });
        config.routes.exception(InvalidQueryException.class, (e, ctx) -> write(ctx, 400, e.getMessage(),
                e.field()));
        config.routes.exception(UnknownPaperException.class, (e, ctx) -> write(ctx, 404,
                e.getMessage() + "; list papers with GET /api/search?q=... or check the id's spelling", null));
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> {
            if (String.valueOf(e.getMessage()).startsWith("URLDecoder")) {
                // the router decodes path segments before any route runs
                write(ctx, 400, "the path is not valid percent-encoding; encode ids with encodeURIComponent (a '%'"
                        + " must start two hex digits, as in %2F)", null);
                return;
            }
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "simdex failed on this request; the server log has the details", null);
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            Integer clientFault = clientFault(e);
            if (clientFault != null) {
                write(ctx, clientFault, switch (clientFault) {
                    case 408 -> "the request body arrived too slowly (less than api.min-body-rate bytes a second)"
                            + " or stopped; send it at once";
                    case 413 -> "the request body is larger than simdex reads; send a shorter text (see"
                            + " api.max-text-chars), or split bulk writes (api.max-bulk-bytes)";
                    default -> "the request body ended before the length it announced, or its chunked encoding is"
                            + " broken; send the whole body";
                }, null);
                return;
            }
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "simdex failed on this request; the server log has the details", null);
        });
    }

    /**
     * The status of a failure that is the client's doing, met while reading its body: a body that ends early or
     * is badly chunked (400), or that arrives too slowly (408); null for any other failure.
     */
    private static Integer clientFault(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof EofException) {
                return 400;
            }
            if (e instanceof TimeoutException) {
                return 408;
            }
            if (e instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400
                    && http.getCode() < 500) {
                return http.getCode() == 408 || http.getCode() == 413 ? http.getCode() : 400;
            }
        }
        return null;
    }

    /** The 413 detail: the bulk limit for bulk writes, else the body limit (ours, or Jetty's at the same size). */
    private static String tooLarge(Context ctx, HttpResponseException e, HttpOptions limits) {
        // ours start "the ..."; Jetty's and Javalin's own (a body over maxRequestSize) get the limit in our words
        if (e.getMessage() != null && e.getMessage().startsWith("the ")) {
            return e.getMessage();
        }
        if (ctx.path().equals(WriteRoutes.BULK_PATH)) {
            return "the bulk body has more than " + limits.maxBulkBytes() + " bytes (api.max-bulk-bytes); split it"
                    + " into several requests of fewer papers, or import files with 'simdex import' while simdex is"
                    + " stopped";
        }
        return "the request body has more than " + HttpApi.MAX_BODY_BYTES + " bytes, the most simdex reads; "
                + "send a shorter text (see api.max-text-chars)";
    }

    static void write(Context ctx, int status, String detail, String parameter) {
        HttpStatus httpStatus = HttpStatus.forStatus(status);
        String title = httpStatus.getMessage();
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        ctx.status(status)
                .json(new Problem("/problems/" + slug, title, status, detail, ctx.path(), parameter,
                        RequestId.of(ctx)))
                .contentType(CONTENT_TYPE);
    }
}
