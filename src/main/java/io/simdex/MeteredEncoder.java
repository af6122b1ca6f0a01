package io.simdex;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.simdex.encode.DelegatingEncoder;
import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;
import io.simdex.encode.QueryCache;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * An {@link Encoder} that times each call of the one it wraps: {@code simdex_encode_seconds} (how long a call took)
 * and {@code simdex_encode_texts} (how many texts it had), each tagged {@code kind=query} for search queries and
 * {@code kind=document} for everything else (papers, texts to compare, duplicate checks). Calls with no text are
 * not counted.
 */
public final class MeteredEncoder extends DelegatingEncoder {

    /** One query takes milliseconds; a batch of papers at start-up may take seconds. */
    private static final Duration[] TIME_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final double[] SIZE_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final Meters documents;
    private final Meters queries;

    public MeteredEncoder(Encoder encoder, MeterRegistry registry) {
        super(encoder);
        this.documents = new Meters(registry, "document");
        this.queries = new Meters(registry, "query");
    }

    /**
     * The query cache's meters, beside the encoder's: {@code simdex_encode_query_cache_hits_total} and
     * {@code _misses_total} (queries answered without and with the model), {@code _evictions_total} and the gauge
     * {@code simdex_encode_query_cache_size}.
     */
    public static void watch(QueryCache cache, MeterRegistry registry) {
        FunctionCounter.builder("simdex.encode.query.cache.hits", cache, QueryCache::hits)
                .description("search queries whose embedding came from the cache, with no model call")
                .register(registry);
        FunctionCounter.builder("simdex.encode.query.cache.misses", cache, QueryCache::misses)
                .description("search queries the cache did not hold, encoded by the model")
                .register(registry);
        FunctionCounter.builder("simdex.encode.query.cache.evictions", cache, QueryCache::evictions)
                .description("search queries dropped from the cache to make room")
                .register(registry);
        Gauge.builder("simdex.encode.query.cache.size", cache, QueryCache::size)
                .description("search queries whose embedding the cache holds now")
                .strongReference(true)
                .register(registry);
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
        return documents.record(texts.size(), () -> delegate.encode(texts));
    }

    @Override
    public List<Embedding> encodeQueries(List<String> texts) {
        return queries.record(texts.size(), () -> delegate.encodeQueries(texts));
    }
}
