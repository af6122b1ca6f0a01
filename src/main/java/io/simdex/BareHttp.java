package io.simdex;

import io.javalin.Javalin;

/**
 * A bare Javalin on loopback with one route, {@code GET /bare}, answering a fixed small JSON: no middleware, no
 * services. {@code simdex bench http} runs it in the same JVM as the API as the speed of HTTP alone on this machine.
 */
public final class BareHttp implements AutoCloseable {

    /** The route it answers. */
    public static final String PATH = "/bare";

    /** The body of every answer. */
    public static final String BODY = "{\"status\":\"ok\"}";

    private final Javalin server;

    private BareHttp(Javalin server) {
        this.server = server;
    }

    /** Starts one on 127.0.0.1 and a free port. */
    public static BareHttp start() {
        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get(PATH, ctx -> ctx.contentType("application/json").result(BODY));
        });
        return new BareHttp(server.start("127.0.0.1", 0));
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
