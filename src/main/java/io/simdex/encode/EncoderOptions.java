package io.simdex.encode;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which embedding model runs, and how it is run: the encode stage's options, validated on construction (each
 * message names the setting by its key within {@code model.*}).
 *
 * @param name             the model's folder name under the model cache, e.g. {@code all-minilm-l6-v2}
 * @param dir              the folder holding {@code model.onnx} and {@code tokenizer.json}
 * @param precision        which weights {@code dir} holds: fp32, or the int8-quantized export
 * @param maxTokens        tokens per model input, [CLS] and [SEP] included
 * @param pooling          how token vectors become one text vector
 * @param pools            how encoding work is spread over the cores: bulk workers, query threads, batch budget
 * @param optimization     ONNX Runtime graph optimization level
 * @param longTexts        what happens to a text longer than {@code maxTokens}
 * @param chunkOverlap     with {@link LongTexts#CHUNK}, tokens shared by consecutive windows
 * @param normalize        whether pooled vectors are L2-normalized (from the model's descriptor)
 * @param queryInstruction put in front of free-text search queries only; empty for none
 * @param threadSpinning   whether ONNX Runtime's threads busy-wait for more work after each parallel section
 *                         (a little lower latency for one query, more CPU per query; never while idle)
 */
public record EncoderOptions(
        String name,
        Path dir,
        Precision precision,
        int maxTokens,
        Pooling pooling,
        Pools pools,
        Optimization optimization,
        LongTexts longTexts,
        int chunkOverlap,
        boolean normalize,
        String queryInstruction,
        boolean threadSpinning) {
    /** The most positions a BERT-style encoder of this family accepts. */
    public static final int MODEL_MAX_POSITIONS = 512;

    public EncoderOptions {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be a folder name such as all-minilm-l6-v2, got '" + name + "'");
        }
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(optimization, "optimization");
        Objects.requireNonNull(longTexts, "long-texts");
        Objects.requireNonNull(queryInstruction, "query-instruction");
        if (maxTokens < 8 || maxTokens > MODEL_MAX_POSITIONS) {
            throw new IllegalArgumentException(
                    "max-tokens must be 8.." + MODEL_MAX_POSITIONS + ", got " + maxTokens);
        }
        if (chunkOverlap < 0 || chunkOverlap > (maxTokens - 2) / 2) {
            throw new IllegalArgumentException("chunk-overlap must be 0.." + (maxTokens - 2) / 2
                    + " (at most half a window of max-tokens - 2), got " + chunkOverlap);
        }
    }

    /** The default of {@code model.thread-spinning}. */
    public static final boolean DEFAULT_THREAD_SPINNING = true;

    /** These options with the default thread spinning. */
    public EncoderOptions(String name, Path dir, Precision precision, int maxTokens, Pooling pooling, Pools pools,
            Optimization optimization, LongTexts longTexts, int chunkOverlap, boolean normalize,
            String queryInstruction) {
        this(name, dir, precision, maxTokens, pooling, pools, optimization, longTexts, chunkOverlap, normalize,
                queryInstruction, DEFAULT_THREAD_SPINNING);
    }

    /** A model run with the default precision (fp32), optimization and truncation, and the pools given. */
    public EncoderOptions(String name, Path dir, int maxTokens, Pooling pooling, Pools pools) {
        this(name, dir, Precision.FP32, maxTokens, pooling, pools, Optimization.ALL, LongTexts.TRUNCATE, 0, true, "");
    }

    /** A copy that spreads its work over other pools. */
    public EncoderOptions withPools(Pools pools) {
        return new EncoderOptions(name, dir, precision, maxTokens, pooling, pools, optimization, longTexts,
                chunkOverlap, normalize, queryInstruction, threadSpinning);
    }

    /** A copy that puts {@code instruction} in front of search queries. */
    public EncoderOptions withQueryInstruction(String instruction) {
        return new EncoderOptions(name, dir, precision, maxTokens, pooling, pools, optimization, longTexts, chunkOverlap, normalize, instruction, threadSpinning);
    }

    /** A copy that handles long texts differently. */
    public EncoderOptions withLongTexts(LongTexts longTexts, int chunkOverlap) {
        return new EncoderOptions(name, dir, precision, maxTokens, pooling, pools, optimization, longTexts, chunkOverlap, normalize, queryInstruction, threadSpinning);
    }
}
