package io.simdex.corpus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A paper's other fields (year, authors, doi, venue…): kept as they came, in their order, as plain Java values
 * (String, Boolean, Long, BigInteger, Double, BigDecimal, List, Map, null) so no JSON library leaks into the
 * stages that read papers.
 */
public final class Metadata {

    /** Field names that are the paper itself, never metadata. */
    public static final Set<String> RESERVED = Set.of("id", "_id", "title", "abstract", "text", "metadata");

    private Metadata() {
    }

    /**
     * An unmodifiable, order-keeping deep copy.
     *
     * @throws IllegalArgumentException naming the key if a key is reserved or blank, or a value is of another type
     */
    public static Map<String, Object> copyOf(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            return Map.of();
        }
        var copy = new LinkedHashMap<String, Object>(fields.size() * 2);
        for (var field : fields.entrySet()) {
            String key = field.getKey();
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("a metadata field needs a non-blank name");
            }
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is part of the paper, not metadata");
            }
            copy.put(key, value(key, field.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object value(String key, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof BigInteger || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<Object>(list.size());
            for (Object element : list) {
                copy.add(value(key, element));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>(map.size() * 2);
            for (var entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("metadata field '" + key + "' has a non-text key");
                }
                copy.put(name, value(key + "." + name, entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("metadata field '" + key + "' holds a " + value.getClass().getSimpleName()
                + "; expected text, a number, true/false, a list or an object");
    }
}
