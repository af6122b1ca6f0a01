package io.simdex.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * How request bodies are read as JSON, strictly and within bounds: exactly one value with nothing after it, no
 * key twice, numbers kept as written, and limits on nesting, number length, string length and key length. Every
 * failure becomes a problem in simdex's words (never the parser's), and a body that is not declared as JSON is a
 * 415.
 */
final class StrictJson {

    /** Deepest nesting of objects and arrays: a paper needs 3 or so. */
    static final int MAX_DEPTH = 64;
    /** Longest number, in characters. */
    static final int MAX_NUMBER_CHARS = 100;
    /** Longest key, in characters. */
    static final int MAX_KEY_CHARS = 256;
    /** Longest string, in characters: bodies are bounded anyway; this only caps one value. */
    static final int MAX_STRING_CHARS = 1_000_000;

    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        READER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNameLength(MAX_KEY_CHARS)
                .maxStringLength(MAX_STRING_CHARS)
                .build());
    }

    private StrictJson() {
    }

    /** The mapper bodies are read with, for converting what {@link #read} returned. */
    static ObjectMapper mapper() {
        return READER;
    }

    /**
     * Requires a JSON {@code Content-Type} ({@code application/json}, {@code application/x-ndjson} or any
     * {@code +json}; a missing one is taken as JSON).
     *
     * @throws HttpResponseException 415 naming the type to send
     */
    static void requireJson(Context ctx) {
        String type = ctx.header(Header.CONTENT_TYPE); // ctx.contentType() throws on an unknown charset
        if (type == null || type.isBlank()) {
            return;
        }
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!(media.equals("application/json") || media.endsWith("+json") || media.equals("application/x-ndjson"))) {
            throw new HttpResponseException(415, "the body is sent as '" + media + "', but this endpoint reads JSON;"
                    + " send it with 'Content-Type: application/json'", Map.of());
        }
        requireUtf8(ctx);
    }

    /**
     * Requires the body's declared charset, if any, to be UTF-8 (JSON's only encoding, and the one simdex reads).
     *
     * @throws HttpResponseException 415 naming the charset sent
     */
    static void requireUtf8(Context ctx) {
        String type = ctx.header(Header.CONTENT_TYPE); // ctx.contentType() throws on an unknown charset
        if (type == null) {
            return;
        }
        for (String parameter : type.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String charset = pair[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw new HttpResponseException(415, "the body is declared as charset '" + charset + "', but"
                            + " simdex reads UTF-8 only; send it as UTF-8 with 'Content-Type: application/json;"
                            + " charset=utf-8' (or no charset)", Map.of());
                }
            }
        }
    }

    /** The body as text: its bytes as UTF-8, whatever charset the request declared (checked by the caller). */
    static String body(Context ctx) {
        return new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The one JSON value of {@code text}.
     *
     * @param where what the text is, for messages ("the request body", "line 3")
     * @throws HttpResponseException 400 saying what is wrong and where, or 413 for a value over a limit
     */
    static JsonNode read(String text, String where, String example) {
        try {
            return READER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new HttpResponseException(413, where + " goes past a limit of this API: " + limitBroken(e)
                    + "; send a smaller value", Map.of(QueryParams.PARAMETER, "body"));
        } catch (MismatchedInputException e) {
            throw QueryParams.invalid("body", where + " holds more than one JSON value" + at(e.getLocation())
                    + "; send exactly one, such as " + example);
        } catch (JsonProcessingException e) {
            throw QueryParams.invalid("body", where + " is not valid JSON" + at(e.getLocation()) + ": "
                    + problem(e) + "; send a JSON value such as " + example);
        }
    }

    private static String limitBroken(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("nesting")) {
            return "objects and arrays nested more than " + MAX_DEPTH + " deep";
        }
        if (message.contains("number")) {
            return "a number longer than " + MAX_NUMBER_CHARS + " characters";
        }
        if (message.contains("name")) {
            return "a key longer than " + MAX_KEY_CHARS + " characters";
        }
        return "a string longer than " + MAX_STRING_CHARS + " characters";
    }

    /** What is wrong, in plain words, from the parser's kind of failure. */
    private static String problem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("duplicate field")) {
            return "a key appears twice in one object; give each key once";
        }
        if (message.contains("unexpected end-of-input") || message.contains("end-of-input")) {
            return "it ends before the value is complete";
        }
        if (message.contains("unrecognized token") || message.contains("unexpected character")) {
            return "a character that JSON does not allow there (strings need double quotes)";
        }
        if (message.contains("control character") || message.contains("illegal unquoted character")) {
            return "a control character inside a string; escape it (\\n, \\t, \\u0000)";
        }
        if (message.contains("invalid utf-8") || message.contains("invalid utf8")) {
            return "bytes that are not UTF-8";
        }
        return "the parser stopped there";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
