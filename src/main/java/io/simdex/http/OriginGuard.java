package io.simdex.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps web pages on other sites away from a service on this machine. A request that reaches simdex over the
 * loopback interface must name a loopback host ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}) in its
 * {@code Host} header, so a page whose own name a DNS trick points at 127.0.0.1 is refused. A request that
 * changes or costs something (every method but GET and HEAD) and comes from a browser page of another origin is
 * refused too, unless {@code api.cors-origins} names its origin: pages there may call every route, and their
 * answers carry the CORS headers a browser needs to show them to the page.
 */
final class OriginGuard {

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Content-Encoding, If-Match, X-Request-ID";
    private static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, X-Request-ID";
    /** How long a browser may keep a preflight's answer, in seconds. */
    private static final String PREFLIGHT_MAX_AGE = "600";

    private final Set<String> corsOrigins;

    /** @param corsOrigins origins whose pages may call the API ({@code api.cors-origins}) */
    OriginGuard(List<String> corsOrigins) {
        this.corsOrigins = corsOrigins.stream().map(origin -> origin.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Checks one request; returns when it may go on. */
    void check(Context ctx) {
        if (arrivedOnLoopback(ctx)) {
            String host = hostName(ctx.header(Header.HOST));
            if (host == null || !LOOPBACK_NAMES.contains(host)) {
                throw new HttpResponseException(400, "the Host header names '" + ctx.header(Header.HOST) + "', but"
                        + " this service listens on this machine only; address it as 127.0.0.1, localhost or"
                        + " [::1]", Map.of());
            }
        }
        String origin = ctx.header(Header.ORIGIN);
        if (origin != null && corsOrigins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            allowCrossOrigin(ctx, origin.strip());
            return;
        }
        String method = ctx.method().name();
        if (origin != null && !method.equals("GET") && !method.equals("HEAD") && !sameOrigin(origin, ctx)) {
            throw new ForbiddenResponse("requests from the web page at " + origin + " may only read; simdex takes"
                    + " writes and POSTs from its own origin, scripts and command-line clients");
        }
    }

    /** The CORS headers for a page of an allowed origin, and those of a preflight when this is one. */
    private static void allowCrossOrigin(Context ctx, String origin) {
        ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        ctx.header(Header.VARY, Header.ORIGIN);
        ctx.header(Header.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        if (ctx.method().name().equals("OPTIONS") && ctx.header(Header.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            ctx.header(Header.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            ctx.header(Header.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            ctx.header(Header.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE);
        }
    }

    private static boolean arrivedOnLoopback(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getLocalAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The host of a {@code Host} header, lower case, without the port; null when there is none. */
    private static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String host = header.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean sameOrigin(String origin, Context ctx) {
        try {
            URI uri = URI.create(origin);
            String host = ctx.header(Header.HOST);
            if (uri.getHost() == null || host == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
