package io.simdex.tools.bench;

import java.util.List;

/** One opened text encoder under test. Implementations may be used from one thread at a time. */
public interface BenchEncoder extends AutoCloseable {

    /** Encodes {@code texts} in one call, the way its library is meant to be used for many texts. */
    List<float[]> encode(List<String> texts);

    /** Releases native resources and threads; idempotent. */
    @Override
    void close();
}
