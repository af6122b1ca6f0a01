package io.simdex.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One line per answered request, at INFO on the logger {@value #LOGGER}; setting that logger's level to {@code warn}
 * or {@code off} turns the lines off. A line holds the path but never the query string, which carries users' search
 * text.
 */
final class AccessLog {

    static final String LOGGER = "simdex.access";

    /** Paths longer than this are cut, so one request cannot write a huge line. */
    private static final int MOST_PATH_CHARS = 512;

    private final BooleanSupplier enabled;
    private final Consumer<String> sink;

    private AccessLog(BooleanSupplier enabled, Consumer<String> sink) {
        this.enabled = enabled;
        this.sink = sink;
    }

    /** Lines to the logger {@value #LOGGER}. */
    static AccessLog toLogger() {
        Logger log = LoggerFactory.getLogger(LOGGER);
        return new AccessLog(log::isInfoEnabled, log::info);
    }

    /** Lines to {@code sink}, always on. */
    static AccessLog to(Consumer<String> sink) {
        return new AccessLog(() -> true, sink);
    }

    void write(AnsweredRequest answered) {
        if (enabled.getAsBoolean()) {
            sink.accept(line(answered));
        }
    }

    /**
     * The line, e.g. {@code GET /api/papers/{id}/similar path=/api/papers/p1/similar status=200 ms=3.1 bytes=512
     * request_id=...}: space-separated fields, the path percent-encoded where it has a space, a quote, a backslash or
     * any character outside printable ASCII, {@code bytes=-} when the length is unknown.
     */
    static String line(AnsweredRequest r) {
        return r.method() + " " + r.route() + " path=" + printable(r.path()) + " status=" + r.status()
                + " ms=" + String.format(Locale.ROOT, "%.1f", r.millis())
                + " bytes=" + (r.bytes() < 0 ? "-" : Long.toString(r.bytes()))
                + " request_id=" + (r.requestId() == null ? "-" : r.requestId());
    }

    private static String printable(String path) {
        String kept = path.length() > MOST_PATH_CHARS ? path.substring(0, MOST_PATH_CHARS) : path;
        var out = new StringBuilder(kept.length() + 8);
        kept.codePoints().forEach(c -> {
            if (c > ' ' && c < 0x7f && c != '"' && c != '\\') {
                out.appendCodePoint(c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            }
        });
        return kept.length() < path.length() ? out.append("...").toString() : out.toString();
    }
}
