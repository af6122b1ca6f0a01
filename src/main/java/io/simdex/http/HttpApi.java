package io.simdex.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;

import io.simdex.api.ApiJson;
import io.simdex.dedup.DuplicateService;
import io.simdex.search.SearchService;

/** Builds the simdex HTTP API as an un-started {@link Javalin}; the caller chooses host and port and starts it. */
public final class HttpApi {

    /** Long enough for a query of {@code api.max-query-chars} characters even when fully percent-encoded. */
    private static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

    /** The largest request body read: room for {@code api.max-text-chars} of any script, JSON-escaped. */
    static final long MAX_BODY_BYTES = 1_000_000;

    private HttpApi() {
    }

    public static Javalin create(SearchService search, DuplicateService duplicates, HttpOptions limits) {
        ObjectMapper mapper = ApiJson.mapper();
        var routes = new ApiRoutes(search, duplicates, limits, mapper);
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems(mapper, limits.maxQueryChars())));
            routes.register(config);
            Problems.register(config);
        });
    }
}
