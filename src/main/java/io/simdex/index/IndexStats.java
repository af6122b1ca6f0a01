package io.simdex.index;

import io.simdex.index.IndexOptions.Storage;
import io.simdex.kernels.VectorMath;

/**
 * A snapshot of a {@link FlatIndex}'s size and footprint, for logs and benchmarks.
 *
 * @param size         vectors in the index (live ones)
 * @param removed      vectors removed or replaced whose storage is not yet reclaimed by a compaction; scans
 *                     still step over them, and {@code heapBytes} and {@code offHeapBytes} count them
 * @param dimension    components per vector
 * @param storage      how the vectors are kept
 * @param heapBytes    bytes allocated on the heap for vector data (floats, or int8 codes and scales); ids and
 *                     the id map are not counted
 * @param offHeapBytes bytes of vector data mapped from the spill file (0 for {@link Storage#FLOAT32})
 * @param kernels      the kernels that compute scores, as {@link VectorMath#implementation()} reports them
 * @param threads      threads that scan a large index together
 */
public record IndexStats(int size, int removed, int dimension, Storage storage, long heapBytes,
        long offHeapBytes, String kernels, int threads) {

    /** The bytes the live vectors take as raw floats: {@code size * dimension * 4}. */
    public long rawFloatBytes() {
        return (long) size * dimension * Float.BYTES;
    }
}
