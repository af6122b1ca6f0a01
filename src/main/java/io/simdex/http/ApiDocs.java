package io.simdex.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The API's description of itself: the OpenAPI document at {@code /openapi.json}, a hand-written resource served
 * as it is, and a page at {@code /docs} that shows it with Swagger UI, served from the Swagger UI WebJar, so the page
 * needs no other site. Neither needs the collection, so both answer while it loads.
 */
final class ApiDocs {

    /** The OpenAPI document, on the classpath. */
    static final String DOCUMENT = "/io/simdex/http/openapi.json";

    /**
     * The page's only sources are this service; no inline script or style. Swagger UI's style sheet draws its
     * icons from {@code data:} images.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private static final String OWN = "/io/simdex/http/docs/";
    /** The Swagger UI WebJar's folder, which names its version. */
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    /** A file the page loads: where it is on the classpath, and its content type. */
    private record Asset(String resource, String contentType) {
    }

    /** The files under {@code /docs/}: the page's initializer, and the few Swagger UI files it loads. */
    private static final Map<String, Asset> ASSETS = Map.of(
            "docs.js", new Asset(OWN + "docs.js", JAVASCRIPT),
            "swagger-ui-bundle.js", new Asset(SWAGGER_UI + "swagger-ui-bundle.js", JAVASCRIPT),
            "swagger-ui.css", new Asset(SWAGGER_UI + "swagger-ui.css", "text/css; charset=utf-8"),
            "favicon-32x32.png", new Asset(SWAGGER_UI + "favicon-32x32.png", "image/png"),
            "favicon-16x16.png", new Asset(SWAGGER_UI + "favicon-16x16.png", "image/png"));

    /** A resource's bytes, and the ETag that names them. */
    private record Loaded(byte[] bytes, String etag) {
    }

    /** Resources read so far: they never change while the process runs. */
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private ApiDocs() {
    }

    static void register(JavalinConfig config) {
        ApiRoutes.get(config, "/openapi.json", ctx -> serve(ctx, DOCUMENT, "application/json"));
        ApiRoutes.get(config, "/docs", ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            serve(ctx, OWN + "docs.html", "text/html; charset=utf-8");
        });
        ApiRoutes.get(config, "/docs/{asset}", ctx -> {
            Asset asset = ASSETS.get(ctx.pathParam("asset"));
            if (asset == null) {
                throw new NotFoundResponse("no file '" + ctx.pathParam("asset") + "' under /docs; the page is at"
                        + " GET /docs, the description it shows at GET /openapi.json");
            }
            serve(ctx, asset.resource(), asset.contentType());
        });
    }

    /** Sends a resource; a browser that holds it already (its ETag) gets 304 and no body. */
    private static void serve(Context ctx, String resource, String contentType) {
        QueryParams.only(ctx, Set.of());
        serveChecked(ctx, resource, contentType);
    }

    /**
     * Sends a resource of the jar whose request's query parameters were checked already; a browser that holds it
     * already (its ETag) gets 304 and no body.
     */
    static void serveChecked(Context ctx, String resource, String contentType) {
        Loaded loaded = LOADED.computeIfAbsent(resource, ApiDocs::read);
        ctx.header(Header.CACHE_CONTROL, "no-cache");
        ctx.header(Header.ETAG, loaded.etag());
        ctx.header("X-Content-Type-Options", "nosniff");
        if (loaded.etag().equals(ctx.header(Header.IF_NONE_MATCH))) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(contentType).result(loaded.bytes());
    }

    private static Loaded read(String resource) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource + "; it is built with it");
            }
            byte[] bytes = in.readAllBytes();
            var crc = new CRC32();
            crc.update(bytes);
            return new Loaded(bytes, "\"" + Long.toHexString(crc.getValue()) + "-" + bytes.length + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
        }
    }

    private static String swaggerUiVersion() {
        String about = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
        try (InputStream in = ApiDocs.class.getResourceAsStream(about)) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI WebJar is missing from the classpath");
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Swagger UI WebJar's version", e);
        }
    }
}
