package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** The web page at {@code /}: one HTML page for every view, its files from the jar, under a strict policy. */
class WebRoutesTest {

    private static TestHttp http;

    @BeforeAll
    static void start() {
        // a server whose collection is still loading: the page needs none of it to be sent
        http = new TestHttp(HttpApi.starting(HttpOptions.defaults(), 10, false).javalin());
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void the_page_is_served_at_the_root_and_at_a_papers_address_under_a_policy_without_inline_code() {
        var root = http.get("/");
        var paper = http.get("/papers/pointer-networks");

        for (var reply : List.of(root, paper)) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("text/html");
            assertThat(reply.headers().firstValue("Content-Security-Policy"))
                    .hasValue(WebRoutes.CONTENT_SECURITY_POLICY);
            assertThat(reply.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(reply.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        }
        assertThat(paper.body()).isEqualTo(root.body());
        assertThat(WebRoutes.CONTENT_SECURITY_POLICY).contains("default-src 'self';").contains("script-src 'self';")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-").doesNotContain("http");
        assertThat(root.body()).contains("<script type=\"module\" src=\"/app/app.js\"></script>")
                .contains("href=\"/app/style.css\"")
                .doesNotContain("<script>").doesNotContain("style=").doesNotContain("<style")
                .doesNotContainPattern("(src|href)=\"(https?:)?//");
    }

    @Test
    void a_deep_link_takes_the_search_parameters_and_refuses_others() {
        assertThat(http.get("/?q=convex+hull&mode=vector&k=5").status()).isEqualTo(200);
        assertThat(http.get("/?view=check").status()).isEqualTo(200);
        assertThat(http.get("/?q=convex+hull&filter=year%3E%3D2020&filter=venue%3ANeurIPS").status()).isEqualTo(200);

        var misspelt = http.get("/?query=convex+hull");

        misspelt.assertProblem(400);
        assertThat(misspelt.json().get("detail").asText()).contains("'query'").contains("filter, k, mode, q, view");
    }

    @Test
    void every_file_the_page_loads_is_served_with_its_type_and_an_etag() {
        for (var asset : WebRoutes.ASSETS.entrySet()) {
            var reply = http.get("/app/" + asset.getKey());

            assertThat(reply.status()).as(asset.getKey()).isEqualTo(200);
            assertThat(reply.contentType()).as(asset.getKey()).isEqualTo(asset.getValue());
            assertThat(reply.body()).as(asset.getKey()).isNotBlank();
            String etag = reply.headers().firstValue("ETag").orElseThrow();
            assertThat(http.send("GET", "/app/" + asset.getKey(), null, "If-None-Match", etag).status())
                    .isEqualTo(304);
        }
        var missing = http.get("/app/secret.js");
        missing.assertProblem(404);
        assertThat(missing.json().get("detail").asText()).contains("'secret.js'");
    }

    @Test
    void the_scripts_build_the_page_from_text_nodes_and_call_only_this_service() throws IOException {
        Pattern foreign = Pattern.compile("(https?:)?//[a-z]");
        for (String name : WebRoutes.ASSETS.keySet()) {
            String text = resource(name);
            // collection text reaches the page through textContent and text nodes only
            assertThat(text).as(name).doesNotContain("innerHTML").doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
            assertThat(foreign.matcher(text.replaceAll("(?m)^\\s*//.*$", "")).find()).as(name + " names another site")
                    .isFalse();
        }
    }

    @Test
    void the_page_lists_every_view_and_every_module_it_imports_is_served() throws IOException {
        String app = resource("app.js");
        for (String module : List.of("search.js", "paper.js", "check.js", "clusters.js", "map.js")) {
            assertThat(app).contains("from \"./" + module + "\"");
        }
        Pattern imports = Pattern.compile("from \"\\./([a-z]+\\.js)\"");
        for (String name : WebRoutes.ASSETS.keySet()) {
            var matcher = imports.matcher(resource(name));
            while (matcher.find()) {
                assertThat(WebRoutes.ASSETS).as(name + " imports " + matcher.group(1)).containsKey(matcher.group(1));
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WebRoutesTest.class.getResourceAsStream("/io/simdex/web/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
