package io.simdex.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The served OpenAPI document as the tests read it: its operations, their parameters and responses, and real
 * answers checked against its schemas (with the OpenAPI 3.1 dialect of JSON Schema).
 */
final class OpenApiDocument {

    /** The methods an OpenAPI path item may describe, lower case. */
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final String LOCATION = "classpath:" + ApiDocs.DOCUMENT.substring(1);

    /** One documented operation: its method (lower case), path template, and the JSON pointer to it. */
    record Operation(String method, String path, JsonNode node, String pointer) {

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    private final JsonNode root;
    private final SchemaRegistry schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31());
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** The document as the jar holds it (and the server sends it). */
    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(ApiDocs.DOCUMENT)) {
            return new OpenApiDocument(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** The node a JSON pointer names; missing when there is none. */
    JsonNode at(String pointer) {
        return root.at(pointer);
    }

    /** The node itself, or the one its local {@code $ref} names, followed until there is no {@code $ref}. */
    JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? at(resolvedPointer(node, null)) : node;
    }

    /** Every operation, in document order. */
    List<Operation> operations() {
        var operations = new ArrayList<Operation>();
        for (Map.Entry<String, JsonNode> path : root.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> item : path.getValue().properties()) {
                if (METHODS.contains(item.getKey())) {
                    operations.add(new Operation(item.getKey(), path.getKey(), item.getValue(),
                            "/paths/" + escape(path.getKey()) + "/" + item.getKey()));
                }
            }
        }
        return operations;
    }

    /**
     * The operation that answers {@code method} on a concrete path ({@code /api/papers/abc/similar}); a literal
     * segment wins over a template one, as the router's {@code /api/papers/_bulk} wins over {@code {id}}.
     */
    Optional<Operation> operation(String method, String concretePath) {
        String[] segments = concretePath.split("/", -1);
        Operation best = null;
        int bestLiterals = -1;
        for (Operation operation : operations()) {
            if (!operation.method().equalsIgnoreCase(method)) {
                continue;
            }
            String[] template = operation.path().split("/", -1);
            if (template.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                if (template[i].startsWith("{") && template[i].endsWith("}")) {
                    matches = !segments[i].isEmpty();
                } else if (template[i].equals(segments[i])) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = operation;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The parameters of an operation, its path item's included, each resolved: the operation's win by name. */
    List<JsonNode> parameters(Operation operation) {
        var byKey = new java.util.LinkedHashMap<String, JsonNode>();
        for (JsonNode list : List.of(root.get("paths").get(operation.path()).path("parameters"),
                operation.node().path("parameters"))) {
            for (JsonNode parameter : list) {
                JsonNode resolved = resolve(parameter);
                byKey.put(resolved.get("in").asText() + " " + resolved.get("name").asText(), resolved);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The names of an operation's query parameters. */
    Set<String> queryParameters(Operation operation) {
        var names = new TreeSet<String>();
        for (JsonNode parameter : parameters(operation)) {
            if (parameter.get("in").asText().equals("query")) {
                names.add(parameter.get("name").asText());
            }
        }
        return names;
    }

    /**
     * What is wrong with an answer in the light of the document: its status is not one the operation lists, its
     * content type is not one that status lists, or its body does not match that content's schema. Empty when the
     * answer is as documented.
     */
    List<String> check(Operation operation, int status, String contentType, String body) {
        JsonNode responses = operation.node().get("responses");
        if (!responses.has(String.valueOf(status))) {
            return List.of(operation + " answered " + status + ", which the document does not list (it lists "
                    + fieldNames(responses) + "): " + body);
        }
        String response = resolvedPointer(responses.get(String.valueOf(status)),
                operation.pointer() + "/responses/" + status);
        JsonNode content = at(response).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.isEmpty() ? List.of() : List.of(operation + " " + status
                    + " is documented without a body, but has one: " + body);
        }
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(media)) {
            return List.of(operation + " " + status + " answered as '" + media + "', but the document lists "
                    + fieldNames(content));
        }
        if (!media.contains("json")) {
            return List.of();
        }
        String schema = response + "/content/" + escape(media) + "/schema";
        return validate(schema, body).stream().map(error -> operation + " " + status + ": " + error).toList();
    }

    /**
     * The headers the document says an answer of {@code status} always carries ({@code "required": true}) that the
     * answer lacks; empty when it has them all, or when the operation does not list the status.
     */
    List<String> checkHeaders(Operation operation, int status, HttpHeaders headers) {
        JsonNode response = resolve(operation.node().get("responses").path(String.valueOf(status)));
        var missing = new ArrayList<String>();
        for (var header : response.path("headers").properties()) {
            if (resolve(header.getValue()).path("required").asBoolean()
                    && headers.firstValue(header.getKey()).isEmpty()) {
                missing.add(operation + " " + status + " answered without the header " + header.getKey()
                        + " the document says it always carries");
            }
        }
        return missing;
    }

    /** The messages of {@code json} failing the schema at {@code pointer}; empty when it passes. */
    List<String> validate(String pointer, String json) {
        Schema schema = compiled.computeIfAbsent(pointer,
                p -> schemas.getSchema(SchemaLocation.of(LOCATION + "#" + p)));
        return schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /** The pointer a node stands for: {@code here}, or where its {@code $ref} chain ends. */
    private String resolvedPointer(JsonNode node, String here) {
        String pointer = here;
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#") || hops > 20) {
                throw new IllegalStateException("not a local reference, or a loop: " + ref);
            }
            pointer = ref.substring(1);
            current = at(pointer);
        }
        return pointer;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
