package io.simdex.http;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.router.Endpoint;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;

import java.util.Set;

/**
 * What one answered request was, for its access log line and its metrics: everything but {@code path} has few
 * possible values, so it can tag a metric.
 *
 * @param method the HTTP method, or {@link #OTHER_METHOD} for one that is not standard
 * @param route the route pattern that answered ({@code /api/papers/{id}}), {@link #NOT_FOUND} for a path no route
 *              has, or {@link #UNMATCHED} for a request refused before routing (a foreign {@code Host})
 * @param path the path as sent, without the query string
 * @param status the status code sent
 * @param millis how long simdex took, from the request to the end of the answer's body
 * @param bytes the body's length as written, or -1 when it is unknown (a compressed body)
 * @param requestId the request's id ({@link RequestId})
 */
record AnsweredRequest(String method, String route, String path, int status, double millis, long bytes,
        String requestId) {

    static final String NOT_FOUND = "NOT_FOUND";
    static final String UNMATCHED = "UNMATCHED";
    static final String OTHER_METHOD = "OTHER";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT", "QUERY");

    /** The request {@code ctx} answered, {@code millis} after it arrived. */
    static AnsweredRequest of(Context ctx, double millis) {
        String method = ctx.method().name();
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint != null ? endpoint.path : ctx.statusCode() == 404 ? NOT_FOUND : UNMATCHED;
        return new AnsweredRequest(METHODS.contains(method) ? method : OTHER_METHOD, route, ctx.path(),
                ctx.statusCode(), millis, bodyBytes(ctx), RequestId.of(ctx));
    }

    /** The body bytes written so far, which is all of them when the answer is logged; -1 while a compressor holds some. */
    private static long bodyBytes(Context ctx) {
        ServletContextResponse response = ServletContextResponse.getServletContextResponse(ctx.res());
        if (response == null || ctx.res().getHeader(Header.CONTENT_ENCODING) != null) {
            return -1;
        }
        return response.getHttpOutput().getWritten();
    }
}
