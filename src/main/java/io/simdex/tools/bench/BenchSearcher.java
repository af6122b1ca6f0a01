package io.simdex.tools.bench;

/** One built top-k search structure under test. Queries come one call at a time. */
public interface BenchSearcher extends AutoCloseable {

    /** The ordinals (positions in the {@link VectorSet} it was built from) of the best {@code k}, best-first. */
    int[] search(float[] query, int k);

    /** Whether {@link #searchBatch} is the system's own batch path, not a loop this adapter would add. */
    default boolean supportsBatch() {
        return false;
    }

    /**
     * Searches many queries in one call.
     *
     * @throws UnsupportedOperationException unless {@link #supportsBatch()}
     */
    default int[][] searchBatch(float[][] queries, int k) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no batch search");
    }

    /** Bytes one query must read per stored vector; the memory floor is {@code n} times this. */
    long scannedBytesPerVector();

    /** Releases threads and memory; idempotent. */
    @Override
    void close();
}
