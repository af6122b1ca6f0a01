package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.corpus.Paper;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The document describes every route the real server registers, and every query parameter each one takes, and
 * nothing else: a route or a parameter added without documenting it fails here.
 */
class OpenApiRoutesTest {

    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    /** A value for each path parameter that names something that exists. */
    private static final Map<String, String> EXISTING = Map.of("{id}", "p1", "{asset}", "docs.js");
    private static final Pattern TAKES = Pattern.compile("this endpoint takes (.+)$");

    @TempDir
    static Path dir;

    private static WritableApi api;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        api = WritableApi.start(dir, List.of(new Paper("p1", "Protein folding", "We fold proteins with graphs.",
                List.of(), Map.of())));
        http = api.http();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest(name = "writes on: {0}")
    @ValueSource(booleans = {true, false})
    void the_server_registers_exactly_the_documented_routes(boolean writable) {
        Javalin app = HttpApi.starting(HttpOptions.defaults(), 1, writable).javalin();
        var registered = new TreeSet<String>();
        for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
            if (parsed.endpoint.method.isHttpMethod()) {
                registered.add(parsed.endpoint.method.name() + " " + parsed.endpoint.path);
            }
        }

        // every GET also answers HEAD, and every path OPTIONS: the document says so once, in its description
        var documented = new TreeSet<String>();
        for (OpenApiDocument.Operation operation : DOCUMENT.operations()) {
            String method = operation.method().toUpperCase(Locale.ROOT);
            documented.add(method + " " + operation.path());
            documented.add("OPTIONS " + operation.path());
            if (method.equals("GET")) {
                documented.add("HEAD " + operation.path());
            }
        }
        assertThat(registered).as("registered routes").isNotEmpty().isEqualTo(documented);
    }

    @Test
    void options_on_each_documented_path_lists_the_documented_methods() {
        Map<String, Set<String>> methods = DOCUMENT.operations().stream().collect(Collectors.groupingBy(
                OpenApiDocument.Operation::path, Collectors.mapping(o -> o.method().toUpperCase(Locale.ROOT),
                        Collectors.toCollection(TreeSet::new))));
        for (var path : methods.entrySet()) {
            var expected = new TreeSet<>(path.getValue());
            expected.add("OPTIONS");
            if (expected.contains("GET")) {
                expected.add("HEAD");
            }

            var reply = http.send("OPTIONS", concrete(path.getKey()));

            assertThat(reply.status()).as(path.getKey()).isEqualTo(204);
            String allow = reply.headers().firstValue("Allow").orElse("");
            assertThat(new TreeSet<>(Arrays.asList(allow.split(",\\s*")))).as(path.getKey()).isEqualTo(expected);
        }
    }

    @Test
    void every_query_parameter_an_operation_takes_is_documented_and_no_other() {
        int operations = 0;
        for (OpenApiDocument.Operation operation : DOCUMENT.operations()) {
            // the server names the parameters an operation takes when it refuses one it does not
            var reply = http.send(operation.method().toUpperCase(Locale.ROOT),
                    concrete(operation.path()) + "?not_a_parameter=1", null, WritableApi.AUTH);

            reply.assertProblem(400);
            assertThat(reply.json().path("parameter").asText()).as(operation.toString()).isEqualTo("not_a_parameter");
            Matcher takes = TAKES.matcher(reply.json().get("detail").asText());
            assertThat(takes.find()).as(operation + ": " + reply.body()).isTrue();
            Set<String> accepted = takes.group(1).equals("none") ? Set.of()
                    : new TreeSet<>(Arrays.asList(takes.group(1).split(", ")));
            assertThat(DOCUMENT.queryParameters(operation)).as(operation + " query parameters").isEqualTo(accepted);
            operations++;
        }
        assertThat(operations).isEqualTo(DOCUMENT.operations().size()).isGreaterThan(15);
    }

    /** The path with each placeholder replaced by something that exists. */
    private static String concrete(String template) {
        String path = template;
        for (var value : EXISTING.entrySet()) {
            path = path.replace(value.getKey(), value.getValue());
        }
        assertThat(path).as("every placeholder has an existing value").doesNotContain("{");
        return path;
    }
}
