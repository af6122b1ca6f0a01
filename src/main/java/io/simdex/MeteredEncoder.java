package io.simdex;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * An {@link Encoder} that times each call of the one it wraps: {@code simdex_encode_seconds} (how long a call took)
 * and {@code simdex_encode_texts} (how many texts it had), each tagged {@code kind=query} for search queries and
 * {@code kind=document} for everything else (papers, texts to compare, duplicate checks). Calls with no text are
 * not counted.
 */
public final class MeteredEncoder implements Encoder {

    /** One query takes milliseconds; a batch of papers at start-up may take seconds. */
    private static final Duration[] TIME_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final double[] SIZE_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final Encoder encoder;
    private final Meters documents;
    private final Meters queries;

    public MeteredEncoder(Encoder encoder, MeterRegistry registry) {
        this.encoder = encoder;
        this.documents = new Meters(registry, "document");
        this.queries = new Meters(registry, "query");
    }

    /** The two meters of one kind of call. */
    private record Meters(Timer time, DistributionSummary texts) {
        Meters(MeterRegistry registry, String kind) {
            this(Timer.builder("simdex.encode")
                    .description("time of one call to the model, by kind of text")
                    .tag("kind", kind)
                    .serviceLevelObjectives(TIME_BUCKETS)
                    .register(registry),
                    DistributionSummary.builder("simdex.encode.texts")
                    .description("texts in one call to the model, by kind of text")
                    .tag("kind", kind)
                    .serviceLevelObjectives(SIZE_BUCKETS)
                    .register(registry));
        }

        List<Embedding> record(int texts, Supplier<List<Embedding>> call) {
            if (texts == 0) {
                return call.get();
            }
            this.texts.record(texts);
            return time.record(call);
        }
    }

    @Override
    public List<Embedding> encode(List<String> texts) {
        return documents.record(texts.size(), () -> encoder.encode(texts));
    }

    @Override
    public List<Embedding> encodeQueries(List<String> texts) {
        return queries.record(texts.size(), () -> encoder.encodeQueries(texts));
    }

    @Override
    public String queryInstruction() {
        return encoder.queryInstruction();
    }

    @Override
    public String modelId() {
        return encoder.modelId();
    }

    @Override
    public String modelName() {
        return encoder.modelName();
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    @Override
    public int maxTokens() {
        return encoder.maxTokens();
    }

    @Override
    public void close() {
        encoder.close();
    }
}
