package io.simdex.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The service's meters and the page {@code GET /metrics} serves them on, in the Prometheus text format: requests by
 * route pattern, method and status ({@code http_server_requests_seconds}), the papers in the collection
 * ({@code simdex_index_papers}) and the JVM's memory, GC, threads, CPU and uptime. Other parts register their own
 * meters through {@link #registry()} (the encoder's calls, an admission queue's depth and refusals). Create one per
 * process and close it when the service stops.
 */
public final class HttpMetrics implements AutoCloseable {

    static final String PATH = "/metrics";

    /** Buckets of {@code http_server_requests_seconds}: from a cached lookup to a slow bulk write. */
    private static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private HttpMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** A registry with the JVM's meters bound. */
    public static HttpMetrics create() {
        return new HttpMetrics();
    }

    /**
     * Where every meter of the process goes; {@code GET /metrics} shows them all. Micrometer names become
     * Prometheus names: a gauge {@code simdex.encode.queue.depth} is {@code simdex_encode_queue_depth}, a counter
     * {@code simdex.encode.rejected} is {@code simdex_encode_rejected_total}.
     */
    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one answered request under its route pattern, never its path, so the series stay few. */
    void record(AnsweredRequest answered) {
        Timer.builder("http.server.requests")
                .description("HTTP requests simdex answered, by route pattern, method and status")
                .tags("method", answered.method(), "uri", answered.route(), "status",
                        Integer.toString(answered.status()))
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry)
                .record((long) (answered.millis() * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** The gauge {@code simdex_index_papers}: the papers in the collection, NaN while it is loading. */
    void watchPapers(ServiceSlot slot) {
        Gauge.builder("simdex.index.papers", slot, s -> s.ready() ? s.get().search().paperCount() : Double.NaN)
                .description("papers in the collection, each one vector in the index")
                .strongReference(true)
                .register(registry);
    }

    /**
     * The encode gate's meters: {@code simdex_encode_queue_depth} (requests waiting for their turn now),
     * {@code simdex_encode_running} and {@code simdex_encode_rejected_total} (refused with 429 so far).
     */
    void watchGate(EncodeGate gate) {
        Gauge.builder("simdex.encode.queue.depth", gate, EncodeGate::queued)
                .description("requests waiting for their turn to encode")
                .strongReference(true)
                .register(registry);
        Gauge.builder("simdex.encode.running", gate, EncodeGate::running)
                .description("requests encoding now")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("simdex.encode.rejected", gate, EncodeGate::refused)
                .description("requests refused with 429 because too many were encoding or waiting")
                .register(registry);
    }

    /** {@code GET} and {@code HEAD /metrics}; it answers while the service is still loading. */
    void register(JavalinConfig config) {
        config.routes.get(PATH, this::scrape);
        config.routes.head(PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        QueryParams.only(ctx, Set.of());
        ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(registry.scrape());
    }

    /** Stops watching the JVM's collections; the meters stay readable. */
    @Override
    public void close() {
        gc.close();
    }
}
