package io.simdex.tools.bench;

import java.time.Duration;
import java.util.Map;

/**
 * How long the HTTP suite loads each target, and the service settings it starts the API with.
 *
 * @param warmupSeconds untimed load before each measured window
 * @param measuredSeconds the measured window of each run
 * @param serviceSettings dotted settings ({@code api.max-queued-encodes=8}) on top of the config file and
 *                        environment, as {@code simdex serve --set} takes them
 */
public record LoadOptions(double warmupSeconds, double measuredSeconds, Map<String, String> serviceSettings) {

    public LoadOptions {
        if (!(warmupSeconds >= 0) || !Double.isFinite(warmupSeconds)) {
            throw new IllegalArgumentException("--http-warmup must be a number of seconds >= 0, got " + warmupSeconds);
        }
        if (!(measuredSeconds >= 0.1) || !Double.isFinite(measuredSeconds)) {
            throw new IllegalArgumentException("--http-seconds must be a number of seconds >= 0.1, got "
                    + measuredSeconds);
        }
        serviceSettings = Map.copyOf(serviceSettings);
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
