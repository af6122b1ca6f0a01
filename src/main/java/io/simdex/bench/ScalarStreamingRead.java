package io.simdex.bench;

/** Eight independent sums, so the adds are not one dependency chain; slower than SIMD on most CPUs. */
final class ScalarStreamingRead implements StreamingRead {

    @Override
    public float sum(float[] a, int from, int to) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int i = from;
        for (int end = from + ((to - from) & ~7); i < end; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public String description() {
        return "scalar Java, 8 accumulators (run with --add-modules jdk.incubator.vector for the SIMD probe)";
    }
}
