package io.simdex.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.component.LifeCycle;

import io.simdex.api.ApiJson;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.PaperCollection;
import io.simdex.map.MapService;
import io.simdex.search.SearchService;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Builds the simdex HTTP API as an un-started {@link Javalin}; the caller chooses host and port and starts it. */
public final class HttpApi {

    /** Long enough for a query of {@code api.max-query-chars} characters even when fully percent-encoded. */
    private static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

    /** The largest request body read: room for {@code api.max-text-chars} of any script, JSON-escaped. */
    static final long MAX_BODY_BYTES = 1_000_000;

    private static final long MOST_DISCARDED = 8 * MAX_BODY_BYTES;

    /** The default of {@code server.shutdown-timeout}. */
    public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

    private HttpApi() {
    }

    /**
     * Holds a request body to {@link #MAX_BODY_BYTES}: only bulk writes may send more.
     *
     * @throws HttpResponseException 413 naming the limit
     */
    static void checkBodySize(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > MAX_BODY_BYTES || (declared < 0 && ctx.bodyAsBytes().length > MAX_BODY_BYTES)) {
            discardBody(ctx);
            throw new HttpResponseException(413, "the request body has more than " + MAX_BODY_BYTES
                    + " bytes, the most this endpoint reads; send a shorter text (see api.max-text-chars)",
                    Map.of());
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to {@value #MOST_DISCARDED} bytes: a server that answers
     * and closes while the client still sends makes the client's socket reset, and the client may then lose the
     * answer. A longer body is left unread; that client may see a reset instead of the 413.
     */
    private static void discardBody(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            int n;
            while (read <= MOST_DISCARDED && (n = in.read(buffer)) >= 0) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the body was read already, or the client went away: nothing left to drain
        }
    }

    /** A read-only API: the write endpoints answer 403, as with no API key. */
    public static Javalin create(SearchService search, DuplicateService duplicates, HttpOptions limits) {
        return create(search, duplicates, null, limits.withApiKey(""));
    }

    /**
     * The API over a live collection: reads, and writes for requests that carry {@code api.key}.
     *
     * @param collection the collection writes go to; null for a read-only API
     */
    public static Javalin create(SearchService search, DuplicateService duplicates, PaperCollection collection,
            HttpOptions limits) {
        return create(search, duplicates, collection, limits, DEFAULT_SHUTDOWN_TIMEOUT_SECONDS);
    }

    /**
     * The API over a live collection, whose stop lets requests in flight finish for up to
     * {@code shutdownTimeoutSeconds} while it turns new ones away (503 on kept-alive connections; new
     * connections are refused), and only then returns.
     */
    public static Javalin create(SearchService search, DuplicateService duplicates, PaperCollection collection,
            HttpOptions limits, int shutdownTimeoutSeconds) {
        return create(search, duplicates, collection, limits, shutdownTimeoutSeconds, null);
    }

    /**
     * As {@link #create(SearchService, DuplicateService, PaperCollection, HttpOptions, int)}, counting requests in
     * {@code metrics}.
     *
     * @param metrics the process's meters, which the caller closes; null for meters of this server's own, closed
     *                when it stops
     */
    public static Javalin create(SearchService search, DuplicateService duplicates, PaperCollection collection,
            HttpOptions limits, int shutdownTimeoutSeconds, HttpMetrics metrics) {
        return create(new ServiceSlot.Services(search, duplicates, collection), limits, shutdownTimeoutSeconds,
                metrics);
    }

    /**
     * As {@link #create(SearchService, DuplicateService, PaperCollection, HttpOptions, int, HttpMetrics)}, the map of
     * the corpus ({@code GET /api/map}) drawn by {@code map}.
     */
    public static Javalin create(SearchService search, DuplicateService duplicates, MapService map,
            PaperCollection collection, HttpOptions limits, int shutdownTimeoutSeconds, HttpMetrics metrics) {
        return create(new ServiceSlot.Services(search, duplicates, collection, map), limits, shutdownTimeoutSeconds,
                metrics);
    }

    private static Javalin create(ServiceSlot.Services services, HttpOptions limits, int shutdownTimeoutSeconds,
            HttpMetrics metrics) {
        return create(ServiceSlot.of(services), services.collection() != null, limits, shutdownTimeoutSeconds,
                metrics, AccessLog.toLogger());
    }

    /**
     * A server that can listen before its services are loaded: {@code /livez} answers at once, every other route
     * 503 (with {@code Retry-After}) until {@link Starting#ready} hands it the services.
     *
     * @param writes whether the services will include a collection to write to (else writes answer 403)
     */
    public static Starting starting(HttpOptions limits, int shutdownTimeoutSeconds, boolean writes) {
        return starting(limits, shutdownTimeoutSeconds, writes, null);
    }

    /**
     * As {@link #starting(HttpOptions, int, boolean)}, counting requests in {@code metrics}; {@code GET /metrics}
     * answers while the services load.
     *
     * @param metrics the process's meters, which the caller closes; null for meters of this server's own, closed
     *                when it stops
     */
    public static Starting starting(HttpOptions limits, int shutdownTimeoutSeconds, boolean writes,
            HttpMetrics metrics) {
        var slot = new ServiceSlot();
        return new Starting(create(slot, writes, limits, shutdownTimeoutSeconds, metrics, AccessLog.toLogger()),
                slot);
    }

    /** A server listening before its services are loaded; {@link #ready} completes it. */
    public static final class Starting {
        private final Javalin javalin;
        private final ServiceSlot slot;

        private Starting(Javalin javalin, ServiceSlot slot) {
            this.javalin = javalin;
            this.slot = slot;
        }

        /** The server, not yet started. */
        public Javalin javalin() {
            return javalin;
        }

        /** From now on every route answers with these services. */
        public void ready(SearchService search, DuplicateService duplicates, PaperCollection collection) {
            slot.fill(new ServiceSlot.Services(search, duplicates, collection));
        }

        /** As {@link #ready(SearchService, DuplicateService, PaperCollection)}, the corpus map drawn by {@code map}. */
        public void ready(SearchService search, DuplicateService duplicates, MapService map,
                PaperCollection collection) {
            slot.fill(new ServiceSlot.Services(search, duplicates, collection, map));
        }
    }

    /** Sets the idle timeout of every connector as the server starts (Javalin adds its connector late). */
    private record IdleTimeouts(long millis) implements LifeCycle.Listener {
        @Override
        public void lifeCycleStarting(LifeCycle event) {
            for (Connector connector : ((Server) event).getConnectors()) {
                if (connector instanceof AbstractConnector idle) {
                    idle.setIdleTimeout(millis);
                }
            }
        }
    }

    /**
     * The server over {@code slot}, every answer counted in {@code metrics} (its own when null) and logged to
     * {@code accessLog}.
     */
    static Javalin create(ServiceSlot slot, boolean writable, HttpOptions limits, int shutdownTimeoutSeconds,
            HttpMetrics metrics, AccessLog accessLog) {
        ObjectMapper mapper = ApiJson.mapper();
        HttpMetrics meters = metrics != null ? metrics : HttpMetrics.create();
        meters.watchPapers(slot);
        var gate = new EncodeGate(limits.bounds());
        meters.watchGate(gate);
        var routes = new ApiRoutes(slot, limits, mapper, gate);
        var writes = writable ? new WriteRoutes(slot, limits, mapper, gate) : null;
        var origins = new OriginGuard(limits.corsOrigins());
        HttpOptions.Bounds bounds = limits.bounds();
        return Javalin.create(config -> {
            config.jsonMapper(new CappedJson(new JavalinJackson(mapper, false), bounds.maxResponseBytes()));
            // bulk writes may be larger; every other body is held to MAX_BODY_BYTES by checkBodySize
            config.http.maxRequestSize = Math.max(MAX_BODY_BYTES, limits.maxBulkBytes());
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
                http.setIdleTimeout(bounds.idleTimeoutSeconds() * 1000L);
            });
            config.jetty.modifyServer(server -> {
                server.addEventListener(new IdleTimeouts(bounds.idleTimeoutSeconds() * 1000L));
                server.setErrorHandler(new JettyProblems(mapper, limits.maxQueryChars()));
                server.setStopTimeout(shutdownTimeoutSeconds * 1000L);
                // each handler wraps those inserted before it:
                // counts requests in flight, so a stop waits for them instead of cutting their connections
                server.insertHandler(new GracefulHandler());
                // a request is handled once its body has arrived, so a client slow to send holds no thread (and
                // a stop does not wait for a body that never comes)
                server.insertHandler(new EagerContentHandler());
                // a body trickling in slower than this is cut off
                if (bounds.minBodyRate() > 0) {
                    server.insertHandler(new MinimumDataRateHandler(bounds.minBodyRate(), 0));
                }
                server.insertHandler(new AsteriskOptions());
            });
            config.routes.before(RequestId::assign);
            config.routes.before(origins::check);
            config.requestLogger.http((ctx, millis) -> {
                var answered = AnsweredRequest.of(ctx, millis);
                meters.record(answered);
                accessLog.write(answered);
            });
            if (metrics == null) {
                config.events.serverStopped(meters::close);
                config.events.serverStartFailed(meters::close);
            }
            meters.register(config);
            routes.register(config);
            new EmbeddingRoutes(slot, limits, mapper, gate).register(config);
            ApiDocs.register(config);
            WebRoutes.register(config);
            if (writes != null) {
                writes.register(config);
            } else {
                WriteRoutes.registerOff(config);
            }
            Problems.register(config, limits);
        });
    }
}
