package io.simdex.tools.bench;

import io.simdex.encode.Embedding;
import io.simdex.encode.EncoderOptions;
import io.simdex.encode.LongTexts;
import io.simdex.encode.OnnxEncoder;
import io.simdex.encode.Optimization;
import io.simdex.encode.Pooling;
import io.simdex.encode.Pools;
import io.simdex.encode.Precision;
import io.simdex.index.IndexOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** simdex's own configurations: its encoder in every precision, token budget and thread layout, and its index. */
final class SimdexCandidates {

    static final String SYSTEM = "simdex";
    static final String MODEL = "all-minilm-l6-v2";

    private SimdexCandidates() {
    }

    /**
     * fp32 and int8, at 128 and 256 tokens, with bulk work on 2 workers × 1 ORT thread and on 1 × 2; short queries
     * on the query predictor of as many threads.
     */
    static List<EncoderCandidate> encoders(Path modelCache, int batchTokens) {
        var out = new ArrayList<EncoderCandidate>();
        for (String precision : List.of("fp32", "int8")) {
            for (int maxTokens : List.of(128, 256)) {
                for (int[] layout : new int[][] {{2, 1}, {1, 2}}) {
                    EncoderOptions spec = model(modelCache, precision, maxTokens,
                            new Pools(layout[0], layout[1], layout[0] * layout[1], batchTokens));
                    out.add(new EncoderCandidate(SYSTEM,
                            "OnnxEncoder (DJL + ORT, fused attention), batches of " + batchTokens + " tokens", precision,
                            maxTokens, layout[0] + (layout[0] == 1 ? " worker" : " workers") + " × " + layout[1]
                            + " ORT " + (layout[1] == 1 ? "thread" : "threads"),
                            layout[0] * layout[1], () -> new Encoding(OnnxEncoder.load(spec), maxTokens)));
                }
            }
        }
        return out;
    }

    /**
     * The model record for a precision, as the service would build it from settings; short queries run on
     * {@code pools}' query predictor whatever its bulk layout.
     */
    static EncoderOptions model(Path modelCache, String precision, int maxTokens, Pools pools) {
        Precision p = precision.equals("int8") ? Precision.INT8 : Precision.FP32;
        return new EncoderOptions(MODEL, modelCache.resolve(p.folder(MODEL)), p, maxTokens, Pooling.MEAN,
                pools, Optimization.ALL, LongTexts.TRUNCATE, 0, true, "");
    }

    /** Each text's full length in model tokens, [CLS] and [SEP] included, before any truncation. */
    static int[] tokenLengths(Path modelCache, List<String> texts) {
        // The int8 model loads fastest; a 2-token budget makes the forward pass trivial, and Embedding.tokens()
        // is the full length whatever the budget.
        try (OnnxEncoder encoder = OnnxEncoder.load(model(modelCache, "int8", 128, new Pools(1, 1, 1, Pools.DEFAULT_BATCH_TOKENS)))) {
            return encoder.encode(texts, 2).stream().mapToInt(Embedding::tokens).toArray();
        }
    }

    /**
     * Every storage × every thread count asked for, FLOAT32 first (the first one measured is the reference
     * for recall).
     */
    static List<SearchCandidate> searchers(List<Integer> threads) {
        var out = new ArrayList<SearchCandidate>();
        for (IndexOptions.Storage storage : IndexOptions.Storage.values()) {
            for (int t : threads) {
                out.add(SearchCandidate.unlimited(SYSTEM, "FlatIndex", storage.name(), t,
                        vectors -> SimdexIndexAdapter.open(vectors, storage, t)));
            }
        }
        return out;
    }

    private record Encoding(OnnxEncoder encoder, int maxTokens) implements BenchEncoder {
        @Override
        public List<float[]> encode(List<String> texts) {
            return encoder.encode(texts, maxTokens).stream().map(Embedding::vector).toList();
        }

        @Override
        public void close() {
            encoder.close();
        }
    }
}
