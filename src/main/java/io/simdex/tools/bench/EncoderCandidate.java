package io.simdex.tools.bench;

import java.util.Objects;

/**
 * One encoder configuration to measure.
 *
 * @param system the library, e.g. {@code simdex} or {@code langchain4j 1.19.0}
 * @param variant which class or pipeline, as a reader would look it up
 * @param precision {@code fp32} or {@code int8}
 * @param maxTokens the most tokens per text it reads, [CLS] and [SEP] included
 * @param threads the thread layout, e.g. {@code 2 workers × 1 ORT thread}
 * @param coresUsed how many cores the layout keeps busy; picks the sgemm ceiling it is compared with
 * @param opener loads the model; called once per configuration
 */
public record EncoderCandidate(String system, String variant, String precision, int maxTokens, String threads,
                               int coresUsed, Opener opener) {

    /** Loads a model; may take seconds. */
    @FunctionalInterface
    public interface Opener {
        BenchEncoder open();
    }

    public EncoderCandidate {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(opener, "opener");
        if (!precision.equals("fp32") && !precision.equals("int8")) {
            throw new IllegalArgumentException("precision must be fp32 or int8 but was " + precision);
        }
        if (maxTokens < 2 || coresUsed < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 2 and coresUsed >= 1 but were "
                    + maxTokens + " and " + coresUsed);
        }
    }

    /** {@code system variant precision maxTokens threads}, for progress lines. */
    public String label() {
        return system + " " + variant + " " + precision + " " + maxTokens + " tokens, " + threads;
    }
}
