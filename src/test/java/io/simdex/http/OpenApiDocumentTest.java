package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import io.simdex.dedup.DuplicateClusters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI document is well formed: OpenAPI 3.1, every reference resolves, every path parameter is declared,
 * every schema is valid JSON Schema 2020-12, and every problem is described as a problem.
 */
class OpenApiDocumentTest {

    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();

    /** Every status simdex answers with; 405 and 422 are not among them (an unknown method is a 404). */
    private static final Set<String> STATUSES = Set.of("200", "201", "204", "304", "400", "401", "403", "404", "408",
            "409", "412", "413", "414", "415", "429", "431", "500", "503");

    @Test
    void it_is_openapi_3_1_with_info_paths_and_components() {
        JsonNode root = DOCUMENT.root();

        assertThat(root.path("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(root.path("info").path("title").asText()).isEqualTo("simdex");
        assertThat(root.path("info").path("version").asText()).isNotBlank();
        assertThat(root.path("paths").size()).isGreaterThan(10);
        assertThat(root.path("components").path("schemas").path("Problem").isObject()).isTrue();
        assertThat(fieldNames(root)).isSubsetOf("openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks",
                "components", "security", "tags", "externalDocs");
    }

    @Test
    void the_bound_on_a_clusters_listed_pairs_is_the_one_the_service_keeps() {
        JsonNode pairScores = DOCUMENT.root().path("components").path("schemas").path("DuplicateClusters")
                .path("properties").path("clusters").path("items").path("properties").path("pair_scores");

        assertThat(pairScores.path("maxItems").asInt()).isEqualTo(DuplicateClusters.PAIR_SCORES_PER_CLUSTER);
        assertThat(pairScores.path("description").asText())
                .contains(DuplicateClusters.PAIR_SCORES_PER_CLUSTER + " strongest");
    }

    @Test
    void every_reference_resolves_within_the_document() {
        var references = new ArrayList<String>();
        var broken = new ArrayList<String>();
        walk(DOCUMENT.root(), "", (pointer, node) -> {
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                references.add(ref);
                if (!ref.startsWith("#/") || DOCUMENT.at(ref.substring(1)).isMissingNode()) {
                    broken.add(pointer + " -> " + ref);
                }
            }
        });

        assertThat(references).hasSizeGreaterThan(50);
        assertThat(broken).isEmpty();
    }

    @Test
    void every_path_parameter_is_declared_required_and_every_declared_one_is_in_the_path() {
        Pattern placeholder = Pattern.compile("\\{([^}]+)}");
        for (OpenApiDocument.Operation operation : DOCUMENT.operations()) {
            var inPath = new TreeSet<String>();
            Matcher m = placeholder.matcher(operation.path());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            var declared = new TreeSet<String>();
            for (JsonNode parameter : DOCUMENT.parameters(operation)) {
                assertThat(parameter.has("schema")).as(operation + " " + parameter.get("name")).isTrue();
                if (parameter.get("in").asText().equals("path")) {
                    declared.add(parameter.get("name").asText());
                    assertThat(parameter.path("required").asBoolean()).as(operation + " " + parameter.get("name"))
                            .isTrue();
                }
                assertThat(parameter.get("in").asText()).isIn("path", "query", "header", "cookie");
            }
            assertThat(declared).as(operation.toString()).isEqualTo(inPath);
        }
    }

    @Test
    void every_operation_has_a_unique_id_a_summary_and_responses_simdex_can_send() {
        var ids = new HashSet<String>();
        for (OpenApiDocument.Operation operation : DOCUMENT.operations()) {
            assertThat(ids.add(operation.node().path("operationId").asText())).as(operation + " operationId")
                    .isTrue();
            assertThat(operation.node().path("summary").asText()).as(operation.toString()).isNotBlank();
            JsonNode responses = operation.node().path("responses");
            assertThat(fieldNames(responses)).as(operation.toString()).isNotEmpty().isSubsetOf(STATUSES)
                    .anyMatch(status -> status.startsWith("2"));
            assertThat(fieldNames(responses)).as(operation + " problems").contains("400", "500");
        }
    }

    @Test
    void every_4xx_and_5xx_is_a_problem_json_of_the_problem_schema() {
        for (OpenApiDocument.Operation operation : DOCUMENT.operations()) {
            for (String status : fieldNames(operation.node().get("responses"))) {
                if (status.compareTo("400") < 0) {
                    continue;
                }
                JsonNode response = DOCUMENT.resolve(operation.node().get("responses").get(status));
                JsonNode content = response.path("content");
                assertThat(fieldNames(content)).as(operation + " " + status).containsExactly(Problems.CONTENT_TYPE);
                JsonNode schema = DOCUMENT.resolve(content.get(Problems.CONTENT_TYPE).get("schema"));
                boolean isProblem = schema == DOCUMENT.at("/components/schemas/Problem")
                        || schema.path("allOf").findValuesAsText("$ref").contains("#/components/schemas/Problem");
                assertThat(isProblem).as(operation + " " + status).isTrue();
            }
        }
    }

    @Test
    void every_schema_is_valid_json_schema_2020_12() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        DOCUMENT.root().at("/components/schemas").properties()
                .forEach(e -> schemas.put("/components/schemas/" + e.getKey(), e.getValue()));
        walk(DOCUMENT.root().get("paths"), "/paths", (pointer, node) -> {
            if (node.has("schema")) {
                schemas.put(pointer + "/schema", node.get("schema"));
            }
        });
        walk(DOCUMENT.root().at("/components/parameters"), "/components/parameters", (pointer, node) -> {
            if (node.has("schema")) {
                schemas.put(pointer + "/schema", node.get("schema"));
            }
        });

        assertThat(schemas).hasSizeGreaterThan(40);
        for (var schema : schemas.entrySet()) {
            assertThat(metaSchema.validate(schema.getValue().toString(), InputFormat.JSON)).as(schema.getKey())
                    .isEmpty();
        }
    }

    @Test
    void the_examples_in_the_document_match_their_schemas() {
        int checked = 0;
        for (var schema : DOCUMENT.root().at("/components/schemas").properties()) {
            for (JsonNode example : schema.getValue().path("examples")) {
                assertThat(DOCUMENT.validate("/components/schemas/" + schema.getKey(), example.toString()))
                        .as(schema.getKey() + " example " + example).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    @Test
    void a_schema_refuses_what_it_does_not_describe() {
        // the check the other tests rely on must be able to fail
        assertThat(DOCUMENT.validate("/components/schemas/Health", "{\"status\": \"ok\", \"papers\": 1}"))
                .isNotEmpty();
        assertThat(DOCUMENT.validate("/components/schemas/Match",
                "{\"id\": \"a\", \"title\": \"A\", \"score\": 0.5, \"rank\": 1, \"surprise\": true}")).isNotEmpty();
        assertThat(DOCUMENT.validate("/components/schemas/Problem",
                "{\"type\": \"/problems/bad-request\", \"title\": \"Bad Request\", \"status\": 400}")).isNotEmpty();
    }

    /** Calls {@code visit} on every object node under {@code node}, with its JSON pointer. */
    private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(pointer, node);
            node.properties().forEach(e -> walk(e.getValue(), pointer + "/" + OpenApiDocument.escape(e.getKey()),
                    visit));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visit);
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
