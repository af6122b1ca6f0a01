package io.simdex.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.simdex.corpus.Source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text of a paper's metadata and sources columns. Field order is kept, and numbers keep the digits they
 * were written with: a {@link java.math.BigDecimal} 0.10 is written {@code 0.10} and read back as 0.10, big
 * integers stay {@link java.math.BigInteger}s; every floating-point number reads back as a BigDecimal.
 */
public final class PaperJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private static final TypeReference<List<Map<String, Object>>> SOURCES = new TypeReference<>() {
    };

    private PaperJson() {
    }

    public static String metadata(Map<String, Object> metadata) {
        return write(metadata);
    }

    public static Map<String, Object> metadata(String json) throws JsonProcessingException {
        return JSON.readValue(json, OBJECT);
    }

    public static String sources(List<Source> sources) {
        var objects = new ArrayList<Map<String, Object>>(sources.size());
        for (Source source : sources) {
            var object = new LinkedHashMap<String, Object>(4);
            object.put("file", source.file());
            object.put("line", source.line());
            objects.add(object);
        }
        return write(objects);
    }

    public static List<Source> sources(String json) throws JsonProcessingException {
        List<Map<String, Object>> objects = JSON.readValue(json, SOURCES);
        var sources = new ArrayList<Source>(objects.size());
        for (Map<String, Object> object : objects) {
            if (!(object.get("file") instanceof String file) || !(object.get("line") instanceof Number line)) {
                throw new IllegalArgumentException("a source needs a text 'file' and a number 'line', got " + object);
            }
            sources.add(new Source(file, line.intValue()));
        }
        return sources;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // plain maps, lists, text, numbers and booleans always serialize
            throw new IllegalStateException("cannot write JSON for " + value, e);
        }
    }
}
