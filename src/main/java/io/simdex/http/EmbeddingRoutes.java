package io.simdex.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

import io.simdex.api.ApiResponses;
import io.simdex.search.EmbeddedText;
import io.simdex.search.SearchService;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * simdex's model for other tools: OpenAI's {@code POST /v1/embeddings} and Hugging Face text-embeddings-inference's
 * {@code POST /embed}, so their clients work unchanged. Each vector is the one simdex stores for a paper with that
 * text (no query instruction).
 */
final class EmbeddingRoutes {

    static final String OPENAI_PATH = "/v1/embeddings";
    static final String TEI_PATH = "/embed";

    /** Most texts one request may embed. */
    static final int MAX_INPUTS = 256;

    private static final Set<String> OPENAI_FIELDS = Set.of("input", "model", "encoding_format", "dimensions",
            "user");
    private static final Set<String> TEI_FIELDS = Set.of("inputs", "normalize", "truncate", "truncation_direction");
    private static final String OPENAI_EXAMPLE = "{\"input\": [\"a text\", \"another text\"], \"model\": \"<the"
            + " model GET /health names>\"}";
    private static final String TEI_EXAMPLE = "{\"inputs\": [\"a text\", \"another text\"]}";
    /** Longest model name quoted back in a message. */
    private static final int MAX_QUOTED_CHARS = 100;

    private final ServiceSlot slot;
    private final HttpOptions limits;
    private final ObjectMapper mapper;
    private final EncodeGate gate;

    EmbeddingRoutes(ServiceSlot slot, HttpOptions limits, ObjectMapper mapper, EncodeGate gate) {
        this.slot = slot;
        this.limits = limits;
        this.mapper = mapper;
        this.gate = gate;
    }

    void register(JavalinConfig config) {
        config.routes.post(OPENAI_PATH, gate.gated(this::openAi));
        config.routes.post(TEI_PATH, gate.gated(this::tei));
    }

    /** Every model call of these routes: the texts embedded as papers are, in order. */
    private List<EmbeddedText> encode(List<String> texts) {
        return slot.get().search().embed(texts);
    }

    private void openAi(Context ctx) {
        QueryParams.only(ctx, Set.of());
        JsonBody body = JsonBody.parse(ctx, mapper, OPENAI_FIELDS, OPENAI_EXAMPLE);
        List<String> texts = texts(body, "input", HttpStatus.BAD_REQUEST);
        boolean base64 = base64(body);
        JsonNode user = body.get("user");
        if (user != null && !user.isTextual()) {
            throw QueryParams.invalid("user", "field 'user' must be a string, got " + JsonBody.kind(user)
                    + "; simdex ignores it, so it may also be left out");
        }
        SearchService search = slot.get().search();
        String model = model(body, search.modelName());
        dimensions(body, model, search.dimension());
        List<EmbeddedText> embedded = encode(texts);
        var data = new ArrayList<ApiResponses.EmbeddingItem>(embedded.size());
        int tokens = 0;
        for (int i = 0; i < embedded.size(); i++) {
            float[] vector = embedded.get(i).vector();
            data.add(new ApiResponses.EmbeddingItem(i, base64 ? base64(vector) : vector));
            tokens += embedded.get(i).tokens().tokens();
        }
        ctx.json(new ApiResponses.Embeddings(data, model, new ApiResponses.EmbeddingUsage(tokens, tokens)));
    }

    private void tei(Context ctx) {
        QueryParams.only(ctx, Set.of());
        JsonBody body = JsonBody.parse(ctx, mapper, TEI_FIELDS, TEI_EXAMPLE);
        List<String> texts = texts(body, "inputs", HttpStatus.CONTENT_TOO_LARGE);
        if (!body.bool("normalize", true)) {
            throw QueryParams.invalid("normalize", "simdex's vectors are always unit length: the model's pooled"
                    + " vectors are normalized before simdex stores or compares them, and the others are not kept;"
                    + " send \"normalize\": true or leave it out");
        }
        boolean truncate = body.bool("truncate", false);
        JsonNode direction = body.get("truncation_direction");
        if (direction != null && !(direction.isTextual() && direction.textValue().equalsIgnoreCase("right"))) {
            throw QueryParams.invalid("truncation_direction", "simdex cuts a text that is too long at its end and"
                    + " keeps its start, as it does for papers; send \"truncation_direction\": \"Right\" or leave it"
                    + " out, got " + direction);
        }
        List<EmbeddedText> embedded = encode(texts);
        if (!truncate) {
            requireWithinBudget(embedded, slot.get().search().maxTokens());
        }
        ctx.json(embedded.stream().map(EmbeddedText::vector).toList());
    }

    /**
     * Without {@code truncate}, a text over the token budget is refused as text-embeddings-inference refuses it.
     * The check needs each text's token count, which the encoding gives: a refused request has been encoded.
     */
    private static void requireWithinBudget(List<EmbeddedText> embedded, int maxTokens) {
        for (int i = 0; i < embedded.size(); i++) {
            int tokens = embedded.get(i).tokens().tokens();
            if (tokens > maxTokens) {
                throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "the text at 'inputs' index "
                        + i + " has " + tokens + " model tokens ([CLS] and [SEP] included), more than the model's"
                        + " budget of " + maxTokens + "; send \"truncate\": true to embed it as simdex embeds a long"
                        + " paper (its start), or shorten the text", Map.of(QueryParams.PARAMETER, "inputs"));
            }
        }
    }

    /**
     * The texts of {@code field}: one string, or an array of 1 to {@link #MAX_INPUTS} strings, none blank nor longer
     * than {@code api.max-text-chars}.
     *
     * @param tooMany the status for more than {@link #MAX_INPUTS} texts: 400 as OpenAI answers, 413 as
     *                text-embeddings-inference does
     */
    private List<String> texts(JsonBody body, String field, HttpStatus tooMany) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw QueryParams.invalid(field, "field '" + field + "' is missing; send the text to embed as a string, or"
                    + " up to " + MAX_INPUTS + " texts as an array of strings");
        }
        if (value.isTextual()) {
            return List.of(text(field, "field '" + field + "'", value));
        }
        if (!value.isArray()) {
            throw QueryParams.invalid(field, "field '" + field + "' must be a string or an array of strings, got "
                    + JsonBody.kind(value));
        }
        if (value.isEmpty()) {
            throw QueryParams.invalid(field, "field '" + field + "' is an empty array; send at least one text");
        }
        if (value.size() > MAX_INPUTS) {
            throw new HttpResponseException(tooMany.getCode(), "the field '" + field + "' lists " + value.size()
                    + " texts; one request embeds at most " + MAX_INPUTS + ", so split them into several requests",
                    Map.of(QueryParams.PARAMETER, field));
        }
        var texts = new ArrayList<String>(value.size());
        for (int i = 0; i < value.size(); i++) {
            texts.add(text(field, "'" + field + "[" + i + "]'", value.get(i)));
        }
        return texts;
    }

    /** One input: a string that is not blank and not longer than {@code api.max-text-chars}. */
    private String text(String field, String where, JsonNode value) {
        if (value.isNumber() || value.isArray()) {
            throw QueryParams.invalid(field, where + " is " + JsonBody.kind(value) + ", but simdex takes no token ids:"
                    + " send each input as the text itself, a string; simdex tokenizes it");
        }
        if (!value.isTextual()) {
            throw QueryParams.invalid(field, where + " must be a string, got " + JsonBody.kind(value));
        }
        String text = value.textValue();
        if (text.isBlank()) {
            throw QueryParams.invalid(field, where + " is " + (text.isEmpty() ? "empty" : "blank")
                    + "; every input needs some text");
        }
        if (text.length() > limits.maxTextChars()) {
            throw QueryParams.invalid(field, where + " has " + text.length() + " characters; the limit is "
                    + limits.maxTextChars() + " (api.max-text-chars)");
        }
        return text;
    }

    /** The model the request names, which must be the one simdex serves (404 otherwise, as OpenAI answers). */
    private static String model(JsonBody body, String served) {
        JsonNode model = body.get("model");
        String fix = "send \"model\": \"" + served + "\", the model simdex serves (GET /health names it)";
        if (model == null) {
            throw QueryParams.invalid("model", "field 'model' is missing; " + fix);
        }
        if (!model.isTextual()) {
            throw QueryParams.invalid("model", "field 'model' must be a string, got " + JsonBody.kind(model) + "; "
                    + fix);
        }
        String name = model.textValue();
        if (!name.equals(served)) {
            String quoted = name.length() > MAX_QUOTED_CHARS ? name.substring(0, MAX_QUOTED_CHARS) + "…" : name;
            throw new NotFoundResponse("simdex does not serve a model '" + quoted + "'; " + fix,
                    Map.of(QueryParams.PARAMETER, "model"));
        }
        return name;
    }

    /** {@code dimensions} may only ask for the model's own: simdex does not shorten its vectors. */
    private static void dimensions(JsonBody body, String model, int dimension) {
        if (!body.has("dimensions")) {
            return;
        }
        int asked = body.integer("dimensions", dimension, 1, Integer.MAX_VALUE);
        if (asked != dimension) {
            throw QueryParams.invalid("dimensions", "model " + model + " gives vectors of " + dimension
                    + " dimensions only, and simdex does not shorten them; send \"dimensions\": " + dimension
                    + " or leave it out, got " + asked);
        }
    }

    /** Whether {@code encoding_format} asks for base64 rather than the default, numbers. */
    private static boolean base64(JsonBody body) {
        JsonNode format = body.get("encoding_format");
        if (format == null || format.isTextual() && format.textValue().equals("float")) {
            return false;
        }
        if (format.isTextual() && format.textValue().equals("base64")) {
            return true;
        }
        throw QueryParams.invalid("encoding_format", "field 'encoding_format' must be \"float\" (the default) or"
                + " \"base64\", got " + format);
    }

    /** A vector as OpenAI's base64 form sends it: its float32 values, little-endian, in base64. */
    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
