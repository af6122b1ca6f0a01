package io.simdex.http;

import io.javalin.http.HttpResponseException;
import io.javalin.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders answers as JSON, holding each to {@code api.max-response-bytes}: an answer over it is refused with
 * 413 saying how to ask for less, instead of sending megabytes nobody asked for.
 */
final class CappedJson implements JsonMapper {

    private final JsonMapper json;
    private final int maxBytes;

    CappedJson(JsonMapper json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        String rendered = json.toJsonString(obj, type);
        // a character takes at most three bytes in UTF-8, so most answers need no exact count
        if ((long) rendered.length() * 3 > maxBytes) {
            int bytes = rendered.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                throw new HttpResponseException(413, "the answer would have " + bytes + " bytes, more than the "
                        + maxBytes + " simdex sends (api.max-response-bytes); ask for fewer results with k, leave"
                        + " out explain and fields=metadata, or for duplicate clusters raise the threshold (the map"
                        + " of a large collection needs a larger api.max-response-bytes)",
                        Map.of());
            }
        }
        return rendered;
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        return new ByteArrayInputStream(toJsonString(obj, type).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public <T> T fromJsonString(String text, Type type) {
        return json.fromJsonString(text, type);
    }

    @Override
    public <T> T fromJsonStream(InputStream stream, Type type) {
        return json.fromJsonStream(stream, type);
    }
}
