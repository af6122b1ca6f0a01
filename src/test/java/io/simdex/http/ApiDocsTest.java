package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code /openapi.json} and the {@code /docs} page: served from the jar, offline, under a strict policy. */
class ApiDocsTest {

    private static TestHttp http;

    @BeforeAll
    static void start() {
        // a server whose collection is still loading: the description needs none of it
        http = new TestHttp(HttpApi.starting(HttpOptions.defaults(), 10, false).javalin());
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void the_document_is_served_as_json_exactly_as_the_jar_holds_it() throws IOException {
        var reply = http.get("/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        try (InputStream in = ApiDocsTest.class.getResourceAsStream(ApiDocs.DOCUMENT)) {
            assertThat(reply.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(reply.json().get("openapi").asText()).startsWith("3.1");
    }

    @Test
    void the_page_loads_swagger_ui_and_its_initializer_from_this_service_under_a_strict_policy() {
        var reply = http.get("/docs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(reply.headers().firstValue("Content-Security-Policy")).hasValue(ApiDocs.CONTENT_SECURITY_POLICY);
        assertThat(ApiDocs.CONTENT_SECURITY_POLICY).contains("script-src 'self';").doesNotContain("unsafe-")
                .doesNotContain("http");
        assertThat(reply.body()).contains("<script src=\"/docs/swagger-ui-bundle.js\"></script>")
                .contains("<script src=\"/docs/docs.js\"></script>")
                .contains("href=\"/docs/swagger-ui.css\"")
                .doesNotContain("<script>").doesNotContain("style=").doesNotContain("<style")
                .doesNotContainPattern("(src|href)=\"(https?:)?//");
    }

    @Test
    void the_initializer_points_swagger_ui_at_this_services_document() {
        var reply = http.get("/docs/docs.js");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/javascript");
        assertThat(reply.body()).contains("SwaggerUIBundle(").contains("url: \"/openapi.json\"")
                .contains("validatorUrl: null");
    }

    @Test
    void the_swagger_ui_files_come_from_the_webjar_with_their_types() {
        var bundle = http.get("/docs/swagger-ui-bundle.js");
        var css = http.get("/docs/swagger-ui.css");
        var icon = http.get("/docs/favicon-32x32.png");

        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.contentType()).startsWith("text/javascript");
        assertThat(bundle.body()).hasSizeGreaterThan(100_000).contains("SwaggerUIBundle");
        assertThat(bundle.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(icon.contentType()).isEqualTo("image/png");
    }

    @Test
    void a_browser_that_holds_a_file_already_gets_304_without_it() {
        var first = http.get("/docs/swagger-ui-bundle.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        var again = http.send("GET", "/docs/swagger-ui-bundle.js", null, "If-None-Match", etag);
        var other = http.send("GET", "/docs/swagger-ui-bundle.js", null, "If-None-Match", "\"0-0\"");

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void other_files_and_unknown_query_parameters_are_refused_as_problems() {
        http.get("/docs/index.html").assertProblem(404);
        http.get("/docs/..%2Fopenapi.json").assertProblem(404);
        http.get("/docs?url=https://attacker.example/spec.json").assertProblem(400);
        http.get("/openapi.json?v=2").assertProblem(400);
    }

    @Test
    void the_page_and_its_files_pass_the_host_guard_a_browser_meets() {
        var page = http.raw("GET /docs HTTP/1.1\r\nHost: localhost:7070\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");
        var script = http.raw("GET /docs/docs.js HTTP/1.1\r\nHost: 127.0.0.1:7070\r\n"
                + "Referer: http://127.0.0.1:7070/docs"
                + "\r\nSec-Fetch-Site: same-origin\r\nConnection: close\r\n\r\n");

        assertThat(page.status()).isEqualTo(200);
        assertThat(script.status()).isEqualTo(200);
    }
}
