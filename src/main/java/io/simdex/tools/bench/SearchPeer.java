package io.simdex.tools.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A library whose exact top-k search {@code simdex bench search} measures next to simdex's index; found with
 * {@link java.util.ServiceLoader}, so it exists only in the bench build.
 */
public interface SearchPeer {

    /** Short name for progress and "skipped" lines. */
    String name();

    /** The configurations to measure, in order; nothing is built yet. */
    List<SearchCandidate> candidates(Context context);

    /** Facts about the peer worth keeping with the results, e.g. which kernels it chose; asked after candidates. */
    default List<String> notes() {
        return List.of();
    }

    /**
     * What a peer may adapt to.
     *
     * @param threads the thread counts the run asks for
     * @param options {@code --peer key=value} flags, e.g. {@code langchain4j.store.max-vectors=1000000}
     */
    record Context(List<Integer> threads, Map<String, String> options) {
        public Context {
            threads = List.copyOf(threads);
            options = Map.copyOf(options);
        }

        /** The option's value as a long, or {@code fallback} when absent. */
        public long longOption(String key, long fallback) {
            Objects.requireNonNull(key, "key");
            String value = options.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                return Long.parseLong(value.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--peer " + key + " must be a whole number, got '" + value + "'", e);
            }
        }
    }
}
