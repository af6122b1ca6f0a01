package io.simdex.tools.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How long the HTTP suite loads each target, and the service settings it starts the API with.
 *
 * @param warmupSeconds untimed load before each measured window
 * @param measuredSeconds the measured window of each run
 * @param serviceSettings dotted settings ({@code api.max-queued-encodes=8}) on top of the config file and
 *                        environment, as {@code simdex serve --set} takes them
 * @param zipfExponent the search scenario's repeated-query mix draws the query of popularity rank r with
 *                     probability proportional to 1 / r^s, s this exponent; 0 leaves the mix out
 * @param zipfQueries distinct queries the repeated-query mix draws from
 * @param scenarios the scenarios to run, some of {@link #SCENARIOS}
 */
public record LoadOptions(double warmupSeconds, double measuredSeconds, Map<String, String> serviceSettings,
                          double zipfExponent, int zipfQueries, Set<String> scenarios) {

    /** The HTTP suite's scenarios, in the order they run: all of them by default. */
    static final List<String> SCENARIOS = List.of("lookup", "search", "overload");

    /** The default of {@code --http-zipf}: about as skewed as the popularity of web search queries. */
    static final double DEFAULT_ZIPF_EXPONENT = 1.0;

    /** The default of {@code --http-zipf-queries}. */
    static final int DEFAULT_ZIPF_QUERIES = 5000;

    public LoadOptions {
        if (!(warmupSeconds >= 0) || !Double.isFinite(warmupSeconds)) {
            throw new IllegalArgumentException("--http-warmup must be a number of seconds >= 0, got " + warmupSeconds);
        }
        if (!(measuredSeconds >= 0.1) || !Double.isFinite(measuredSeconds)) {
            throw new IllegalArgumentException("--http-seconds must be a number of seconds >= 0.1, got "
                    + measuredSeconds);
        }
        serviceSettings = Map.copyOf(serviceSettings);
        if (!(zipfExponent >= 0) || zipfExponent > 10) {
            throw new IllegalArgumentException("--http-zipf must be 0..10 (0: no repeated-query mix), got "
                    + zipfExponent);
        }
        if (zipfQueries < 1 || zipfQueries > 1_000_000) {
            throw new IllegalArgumentException("--http-zipf-queries must be 1..1000000, got " + zipfQueries);
        }
        scenarios = Set.copyOf(scenarios);
        if (scenarios.isEmpty() || !SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("--http-scenarios must name some of " + String.join(", ", SCENARIOS)
                    + ", got " + scenarios);
        }
    }

    /** These times and settings, with the default repeated-query mix and every scenario. */
    public LoadOptions(double warmupSeconds, double measuredSeconds, Map<String, String> serviceSettings) {
        this(warmupSeconds, measuredSeconds, serviceSettings, DEFAULT_ZIPF_EXPONENT, DEFAULT_ZIPF_QUERIES,
                Set.copyOf(SCENARIOS));
    }

    /** Whether {@code scenario} runs. */
    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** 3 s of warm-up and 10 s measured per run; 1 and 3 s for a quick run. */
    static LoadOptions defaults(boolean quick) {
        return quick ? new LoadOptions(1, 3, Map.of()) : new LoadOptions(3, 10, Map.of());
    }

    /** {@link #warmupSeconds()} as a duration. */
    Duration warmup() {
        return Duration.ofMillis(Math.round(warmupSeconds * 1e3));
    }

    /** {@link #measuredSeconds()} as a duration. */
    Duration measured() {
        return Duration.ofMillis(Math.round(measuredSeconds * 1e3));
    }
}
