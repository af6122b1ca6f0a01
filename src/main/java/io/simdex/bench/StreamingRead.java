package io.simdex.bench;

/**
 * A pass that reads a range of a {@code float[]} and sums it: the least work an exact scan can do per byte,
 * so its speed is the memory-bandwidth floor. (This is the one loop over vector data outside
 * {@code io.simdex.index}: it measures the machine, not similarity.)
 */
interface StreamingRead {

    /** Sums {@code a[from, to)}; the result only keeps the JIT from dropping the reads. */
    float sum(float[] a, int from, int to);

    /** How the reads are done, for the results. */
    String description();

    /** The Vector API kernel when {@code jdk.incubator.vector} is in the boot layer, else the scalar one. */
    static StreamingRead best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return new VectorStreamingRead();
        }
        return new ScalarStreamingRead();
    }
}
