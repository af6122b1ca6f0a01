package io.simdex;

import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for the model in fast tests of other layers: each lower-cased word adds a
 * hashed ±1 to a 64-d vector, so texts that share words score high. Counts the texts it encodes.
 */
public final class FakeEncoder implements Encoder {

    public static final int DIMENSION = 64;

    private final int maxTokens;
    private final String queryInstruction;
    private final AtomicInteger encodedTexts = new AtomicInteger();
    private final java.util.concurrent.CopyOnWriteArrayList<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FakeEncoder() {
        this(256);
    }

    public FakeEncoder(int maxTokens) {
        this(maxTokens, "");
    }

    /** A fake whose search queries get {@code queryInstruction} in front, like bge-small-en-v1.5's. */
    public FakeEncoder(int maxTokens, String queryInstruction) {
        this.maxTokens = maxTokens;
        this.queryInstruction = queryInstruction;
    }

    /** Every text encoded so far, in order, as the model saw it (query instruction included). */
    public List<String> seenTexts() {
        return List.copyOf(seen);
    }

    @Override
    public String queryInstruction() {
        return queryInstruction;
    }

    /** How many texts {@link #encode(List)} has seen so far. */
    public int encodedTexts() {
        return encodedTexts.get();
    }

    @Override
    public String modelId() {
        return "fake@" + DIMENSION + "/max" + maxTokens;
    }

    @Override
    public String modelName() {
        return "fake";
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public List<Embedding> encode(List<String> texts) {
        encodedTexts.addAndGet(texts.size());
        seen.addAll(texts);
        var out = new ArrayList<Embedding>(texts.size());
        for (String text : texts) {
            String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
            float[] v = new float[DIMENSION];
            v[0] = 1e-3f; // never the zero vector
            int count = 0;
            for (String w : words) {
                if (w.isEmpty()) {
                    continue;
                }
                count++;
                int h = w.hashCode() * 0x9E3779B1;
                v[Math.floorMod(h, DIMENSION)] += (h & 0x10000) == 0 ? 1f : -1f;
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int d = 0; d < DIMENSION; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
            int tokens = count + 2;
            out.add(new Embedding(v, tokens, Math.min(tokens, maxTokens)));
        }
        return out;
    }

    @Override
    public void close() {
    }
}
