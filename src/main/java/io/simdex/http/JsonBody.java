package io.simdex.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import io.simdex.search.MetadataFilter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** A JSON request body, read strictly: each bad field is rejected with a message naming it and the fix. */
final class JsonBody {

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /**
     * Parses the body as one JSON object whose fields are all in {@code allowed}.
     *
     * @param example a valid body, quoted in the messages
     */
    static JsonBody parse(Context ctx, ObjectMapper mapper, Set<String> allowed, String example) {
        HttpApi.checkBodySize(ctx);
        StrictJson.requireJson(ctx);
        String raw = StrictJson.body(ctx);
        if (raw.isBlank()) {
            throw QueryParams.invalid("body", "the request body is empty; send a JSON object such as " + example);
        }
        JsonNode parsed = StrictJson.read(raw, "the request body", example);
        if (!(parsed instanceof ObjectNode object)) {
            throw QueryParams.invalid("body", "the request body must be a JSON object, got " + kind(parsed) + "; send "
                    + "a JSON object such as " + example);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw QueryParams.invalid(name, "unknown field '" + name + "'; this endpoint accepts " + String.join(", ",
                        new TreeSet<>(allowed)));
            }
        }
        return new JsonBody(object);
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** The field as sent, for shapes the typed readers here do not cover; null when it is absent or null. */
    JsonNode get(String name) {
        return has(name) ? node.get(name) : null;
    }

    /** A non-blank string of at most {@code maxChars} characters, or null when the field is absent or null. */
    String text(String name, int maxChars) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw QueryParams.invalid(name, "field '" + name + "' must be a string, got " + kind(value));
        }
        String text = value.textValue();
        if (text.isBlank()) {
            throw QueryParams.invalid(name, "field '" + name + "' is blank; give it some text");
        }
        if (text.length() > maxChars) {
            throw QueryParams.invalid(name, "field '" + name + "' has " + text.length() + " characters; the limit is "
                    + maxChars + " (api.max-text-chars)");
        }
        return text;
    }

    /** An optional whole number in {@code [min, max]}. */
    int integer(String name, int fallback, int min, int max) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw QueryParams.invalid(name, "field '" + name + "' must be a whole number from " + min + " to " + max + ", got "
                    + value);
        }
        return value.intValue();
    }

    /** An optional number in {@code [min, max]}. */
    float number(String name, float fallback, float min, float max) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        float number = value.isNumber() ? value.floatValue() : Float.NaN;
        if (!(number >= min && number <= max)) {
            throw QueryParams.invalid(name, "field '" + name + "' must be a number from " + min + " to " + max + ", got "
                    + value);
        }
        return number;
    }

    /** An optional {@code true} or {@code false}. */
    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw QueryParams.invalid(name, "field '" + name + "' must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    /** An optional array of at most {@code maxCount} non-blank strings; empty when absent. */
    List<String> strings(String name, int maxCount) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw QueryParams.invalid(name, "field '" + name + "' must be an array such as " + example(name) + ", got "
                    + kind(value));
        }
        if (value.size() > maxCount) {
            throw QueryParams.invalid(name, "field '" + name + "' lists " + value.size() + " entries; the limit is "
                    + maxCount);
        }
        var strings = new ArrayList<String>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual() || element.textValue().isBlank()) {
                throw QueryParams.invalid(name, "field '" + name + "' must hold only non-blank strings, as in "
                        + example(name) + ", got " + element);
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    /**
     * A required array of 1 to {@code maxCount} objects, each holding only {@code allowed} fields: the items of a
     * batch request.
     */
    List<JsonBody> objects(String name, int maxCount, Set<String> allowed, String example) {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw QueryParams.invalid(name, "field '" + name + "' must be a non-empty array of objects, got "
                    + (value == null ? "nothing" : kind(value)) + "; send " + example);
        }
        if (value.size() > maxCount) {
            throw QueryParams.invalid(name, "field '" + name + "' lists " + value.size() + " entries; the limit is "
                    + maxCount + "; split them over several requests");
        }
        var items = new ArrayList<JsonBody>(value.size());
        for (int i = 0; i < value.size(); i++) {
            if (!(value.get(i) instanceof ObjectNode object)) {
                throw QueryParams.invalid(name, name + "[" + i + "] must be a JSON object, got "
                        + kind(value.get(i)) + "; send " + example);
            }
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!allowed.contains(field)) {
                    throw QueryParams.invalid(name, name + "[" + i + "]: unknown field '" + field + "'; each entry"
                            + " accepts " + String.join(", ", new TreeSet<>(allowed)));
                }
            }
            items.add(new JsonBody(object));
        }
        return items;
    }

    /**
     * The {@code filter} field: an object of field conditions ({@code {"year": {"gte": 2020}, "venue": "NeurIPS"}},
     * a bare value meaning equality; operators {@code eq}, {@code gte}, {@code gt}, {@code lte}, {@code lt}), or a
     * list of expressions as the query parameter takes them ({@code ["year>=2020"]}).
     */
    MetadataFilter metadataFilter(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return MetadataFilter.NONE;
        }
        if (value.isArray()) {
            return MetadataFilter.parse(strings(name, 100));
        }
        if (!value.isObject()) {
            throw QueryParams.invalid(name, "field '" + name + "' must be an object such as {\"year\": {\"gte\": 2020},"
                    + " \"venue\": \"NeurIPS\"} or a list such as [\"year>=2020\"], got " + kind(value));
        }
        var conditions = new ArrayList<MetadataFilter.Condition>();
        for (var field : value.properties()) {
            JsonNode condition = field.getValue();
            if (condition.isObject()) {
                for (var op : condition.properties()) {
                    MetadataFilter.Op parsed = Arrays.stream(MetadataFilter.Op.values())
                            .filter(o -> o.label().equals(op.getKey())).findFirst()
                            .orElseThrow(() -> QueryParams.invalid(name, "unknown operator '" + op.getKey() + "' for"
                                    + " field '" + field.getKey() + "'; use eq, gte, gt, lte or lt"));
                    conditions.add(new MetadataFilter.Condition(field.getKey(), parsed,
                            scalar(name, field.getKey(), op.getValue())));
                }
            } else {
                conditions.add(new MetadataFilter.Condition(field.getKey(), MetadataFilter.Op.EQ,
                        scalar(name, field.getKey(), condition)));
            }
        }
        return new MetadataFilter(conditions);
    }

    /** A valid value of a list field, for messages. */
    private static String example(String name) {
        return switch (name) {
            case "fields" -> "[\"metadata\"]";
            case "filter" -> "[\"year>=2020\", \"venue:NeurIPS\"]";
            default -> "[\"paper-id-1\", \"paper-id-2\"]";
        };
    }

    private static Object scalar(String name, String field, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw QueryParams.invalid(name, "the condition on '" + field + "' must compare with text, a number or"
                + " true/false, got " + kind(value));
    }

    /** What a JSON value is, in words ("an array", "a number"), for messages. */
    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
