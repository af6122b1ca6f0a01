package io.simdex.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Papers in request bodies, read strictly (one value, no trailing content, no repeated key) and with numbers kept
 * as written: one JSON object for {@code PUT /api/papers/{id}}; NDJSON or a JSON array of objects for
 * {@code POST /api/papers/_bulk}.
 */
final class PaperBodies {

    static final String EXAMPLE = "{\"title\": \"A title\", \"abstract\": \"The abstract.\", \"year\": 2024}";

    private static final ObjectMapper JSON = StrictJson.mapper();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private PaperBodies() {
    }

    /** One paper's fields. */
    static Map<String, Object> one(String body) {
        if (body.isBlank()) {
            throw QueryParams.invalid("body", "the request body is empty; send the paper as a JSON object such as "
                    + EXAMPLE);
        }
        return fields(read(body, "the request body"), "the request body");
    }

    /**
     * A bulk body's items, each the fields of one paper or the reason it is not one, in order: a JSON array of
     * objects, or one object per line (NDJSON; blank lines skipped).
     */
    static List<Item> many(String body) {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            throw QueryParams.invalid("body", "the request body is empty; send one paper per line (NDJSON), or a"
                    + " JSON array of papers, each like {\"id\": \"my-paper-1\", \"title\": ..., \"abstract\": ...}");
        }
        var items = new ArrayList<Item>();
        if (trimmed.startsWith("[")) {
            JsonNode array = read(trimmed, "the request body");
            int i = 0;
            for (JsonNode element : array) {
                i++;
                items.add(element.isObject()
                        ? new Item(i, JSON.convertValue(element, FIELDS), null)
                        : new Item(i, null, "item " + i + " is not a JSON object"));
            }
            return items;
        }
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                items.add(new Item(i + 1, fields(read(lines[i], "line " + (i + 1)), "line " + (i + 1)), null));
            } catch (io.javalin.http.HttpResponseException e) {
                items.add(new Item(i + 1, null, e.getMessage()));
            }
        }
        return items;
    }

    /**
     * One item of a bulk body.
     *
     * @param position its line (NDJSON) or 1-based place in the array
     * @param fields   the paper's fields, or null when the item is not a JSON object
     * @param problem  why it is not one, or null
     */
    record Item(int position, Map<String, Object> fields, String problem) {
    }

    private static JsonNode read(String text, String where) {
        return StrictJson.read(text, where, EXAMPLE);
    }

    private static Map<String, Object> fields(JsonNode node, String where) {
        if (!node.isObject()) {
            throw QueryParams.invalid("body", where + " must be a JSON object such as " + EXAMPLE);
        }
        return JSON.convertValue(node, FIELDS);
    }
}
