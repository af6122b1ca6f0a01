package io.simdex.store.elastic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.simdex.corpus.Paper;
import io.simdex.store.PaperJson;
import io.simdex.store.StoreException;
import io.simdex.store.StoredEmbedding;
import io.simdex.store.StoredPaper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON document of one paper in the index, and back. The paper itself is kept whole, unindexed, under
 * {@code paper} (metadata and sources as JSON text, so numbers keep their digits); beside it the fields the
 * cluster searches: {@code terms} (the English terms, split on spaces), {@code vector}, and each metadata value
 * under a family by kind, so a filter compares like with like as {@code MetadataFilter} does:
 * Field names keep their letters, with {@code .} escaped ({@link #fieldName}).
 * <ul>
 *   <li>{@code mk.F} every text value, {@code mn.F} every number and every text that is a number,
 *       {@code mb.F} true/false;</li>
 *   <li>{@code lk.F}, {@code ln.F}, {@code lb.F} the same for the elements of a list, which only equality
 *       reads.</li>
 * </ul>
 */
final class PaperDocuments {

    static final String ID = "id";
    static final String TERMS = "terms";
    static final String VECTOR = "vector";
    static final String VERSION = "version";
    static final String TEXT_SHA256 = "text_sha256";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?");

    private PaperDocuments() {
    }

    /**
     * The index's settings and mapping: strict at the top, so a stray field is an error, not a guess; the
     * metadata families map each new field by a template.
     */
    static String indexBody(int dimension, ElasticOptions options, Map<String, String> meta) {
        ObjectNode body = NODES.objectNode();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", options.shards());
        index.put("number_of_replicas", options.replicas());
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode metaNode = mappings.putObject("_meta");
        meta.forEach(metaNode::put);
        ArrayNode templates = mappings.putArray("dynamic_templates");
        for (String family : List.of("mk", "lk")) {
            template(templates, family, "keyword");
        }
        for (String family : List.of("mn", "ln")) {
            template(templates, family, "double");
        }
        for (String family : List.of("mb", "lb")) {
            template(templates, family, "boolean");
        }
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject(ID).put("type", "keyword");
        properties.putObject("paper").put("type", "object").put("enabled", false);
        properties.putObject(TERMS).put("type", "text").put("analyzer", "whitespace");
        ObjectNode vector = properties.putObject(VECTOR);
        vector.put("type", "dense_vector").put("dims", dimension).put("index", true)
                .put("similarity", "dot_product");
        vector.putObject("index_options").put("type", options.vectors().label());
        properties.putObject(TEXT_SHA256).put("type", "keyword");
        properties.putObject("tokens").put("type", "integer");
        properties.putObject("tokens_embedded").put("type", "integer");
        properties.putObject(VERSION).put("type", "long");
        properties.putObject("created_at").put("type", "date").put("format", "epoch_millis");
        properties.putObject("updated_at").put("type", "date").put("format", "epoch_millis");
        for (String family : List.of("mk", "mn", "mb", "lk", "ln", "lb")) {
            properties.putObject(family).put("type", "object").put("dynamic", true);
        }
        return body.toString();
    }

    private static void template(ArrayNode templates, String family, String type) {
        ObjectNode template = templates.addObject().putObject(family);
        template.put("path_match", family + ".*");
        template.putObject("mapping").put("type", type);
    }

    /** The document of a paper at a version, with its vector (normalized: dot product needs unit length). */
    static ObjectNode document(StoredPaper stored, StoredEmbedding embedding, String terms) {
        Paper paper = stored.paper();
        ObjectNode doc = NODES.objectNode();
        doc.put(ID, paper.id());
        ObjectNode whole = doc.putObject("paper");
        whole.put("title", paper.title());
        whole.put("abstract", paper.abstractText());
        whole.put("metadata", PaperJson.metadata(paper.metadata()));
        whole.put("sources", PaperJson.sources(paper.sources()));
        doc.put(TERMS, terms);
        ArrayNode vector = doc.putArray(VECTOR);
        for (float component : unit(embedding.vector())) {
            vector.add(component);
        }
        doc.put(TEXT_SHA256, embedding.textSha256());
        doc.put("tokens", embedding.tokens());
        doc.put("tokens_embedded", embedding.tokensEmbedded());
        doc.put(VERSION, stored.version());
        doc.put("created_at", stored.createdAt().toEpochMilli());
        doc.put("updated_at", stored.updatedAt().toEpochMilli());
        metadata(doc, paper.metadata());
        return doc;
    }

    /** The paper a document holds, at its version. */
    static StoredPaper stored(ObjectNode doc) {
        JsonNode whole = doc.path("paper");
        try {
            Paper paper = new Paper(doc.path(ID).asText(), whole.path("title").asText(),
                    whole.path("abstract").asText(), PaperJson.sources(whole.path("sources").asText("[]")),
                    PaperJson.metadata(whole.path("metadata").asText("{}")));
            return new StoredPaper(paper, doc.path(VERSION).asLong(),
                    Instant.ofEpochMilli(doc.path("created_at").asLong()),
                    Instant.ofEpochMilli(doc.path("updated_at").asLong()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("the Elasticsearch document of paper '" + doc.path(ID).asText()
                    + "' is not one simdex wrote: " + e.getMessage(), e);
        }
    }

    /** The vector a document holds, under its model. */
    static StoredEmbedding embedding(ObjectNode doc, String model) {
        JsonNode values = doc.path(VECTOR);
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) values.get(i).asDouble();
        }
        return new StoredEmbedding(model, doc.path(TEXT_SHA256).asText(), vector, doc.path("tokens").asInt(),
                doc.path("tokens_embedded").asInt());
    }

    /** {@code vector} scaled to unit length; a copy. */
    static float[] unit(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] * scale;
        }
        return out;
    }

    private static void metadata(ObjectNode doc, Map<String, Object> metadata) {
        for (Map.Entry<String, Object> field : metadata.entrySet()) {
            if (field.getValue() instanceof List<?> list) {
                for (Object element : list) {
                    value(doc, "l", field.getKey(), element);
                }
            } else {
                value(doc, "m", field.getKey(), field.getValue());
            }
        }
    }

    /** Adds one value to its families under {@code prefix} ({@code m} for a value, {@code l} for an element). */
    private static void value(ObjectNode doc, String prefix, String field, Object value) {
        if (value instanceof String text) {
            add(doc, prefix + "k", field).add(text);
            BigDecimal number = number(text);
            if (number != null) {
                add(doc, prefix + "n", field).add(number.doubleValue());
            }
        } else if (value instanceof Number number) {
            add(doc, prefix + "n", field).add(new BigDecimal(number.toString()).doubleValue());
        } else if (value instanceof Boolean bool) {
            add(doc, prefix + "b", field).add(bool);
        }
        // null, objects and lists within lists match no condition, as in MetadataFilter
    }

    private static ArrayNode add(ObjectNode doc, String family, String field) {
        ObjectNode values = doc.has(family) ? (ObjectNode) doc.get(family) : doc.putObject(family);
        String name = fieldName(field);
        return values.has(name) ? (ArrayNode) values.get(name) : values.putArray(name);
    }

    /**
     * A metadata field's name inside its family, dots escaped: Elasticsearch reads a dot as a path, so fields
     * {@code a} and {@code a.b} would collide.
     */
    static String fieldName(String field) {
        return field.replace("%", "%25").replace(".", "%2E");
    }

    /** The number a value is or spells, as {@code MetadataFilter} reads it; null for none. */
    static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s && NUMBER.matcher(s.strip()).matches()) {
            return new BigDecimal(s.strip());
        }
        return null;
    }
}
