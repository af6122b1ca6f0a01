package io.simdex.tools.bench;

import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An encoder that answers from vectors made beforehand, so that an import times the collection's own work (storing,
 * indexing) and not the model's, which is the same for every collection. Asking for a text it was not given fails.
 */
final class PrecomputedEncoder implements Encoder {

    private final Map<String, float[]> vectors = new HashMap<>();
    private final int dimension;

    /** Answers {@code texts.get(i)} with {@code vectors.vector(i)}. */
    PrecomputedEncoder(List<String> texts, VectorSet vectors) {
        if (texts.size() != vectors.count()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + vectors.count() + " vectors");
        }
        for (int i = 0; i < texts.size(); i++) {
            this.vectors.put(texts.get(i), vectors.vector(i));
        }
        this.dimension = vectors.dimension();
    }

    @Override
    public String modelId() {
        return ElasticSuite.MODEL;
    }

    @Override
    public String modelName() {
        return ElasticSuite.MODEL;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return 256;
    }

    @Override
    public List<Embedding> encode(List<String> texts) {
        var out = new ArrayList<Embedding>(texts.size());
        for (String text : texts) {
            float[] vector = vectors.get(text);
            if (vector == null) {
                throw new IllegalArgumentException("no vector was made for the text '" + text + "'");
            }
            out.add(new Embedding(vector, 1, 1));
        }
        return out;
    }

    @Override
    public void close() {
        // nothing held but the map
    }
}
