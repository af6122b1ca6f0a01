package io.simdex.http;

import io.javalin.http.Context;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of each request, sent back in {@code X-Request-ID} on every answer and written in its access log line and
 * problem body: the client's own {@code X-Request-ID} when it is 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -},
 * else a new random UUID, so a client or proxy can tie its own logs to simdex's and no header can forge a log line.
 */
final class RequestId {

    static final String HEADER = "X-Request-ID";

    private static final String ATTRIBUTE = "simdex.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestId() {
    }

    /** The client's id when it is sane, else a new one. */
    static String choose(String sent) {
        return sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    /** Gives the request its id and sends it back; the first thing every request goes through. */
    static void assign(Context ctx) {
        String id = choose(ctx.header(HEADER));
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** The id {@link #assign} gave this request; null for one that never reached it. */
    static String of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}
