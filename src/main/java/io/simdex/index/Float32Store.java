package io.simdex.index;

import io.simdex.kernels.VectorMath;

import java.util.Arrays;

/**
 * The default {@link VectorStore}: float vectors on the heap in fixed-size segments, packed for the scan
 * kernels (see {@link SegmentLayout}); exact.
 */
final class Float32Store implements VectorStore {

    private final SegmentLayout layout;
    private float[][] segments = new float[0][];
    private int size;

    Float32Store(SegmentLayout layout) {
        this.layout = layout;
    }

    @Override
    public SegmentLayout layout() {
        return layout;
    }

    @Override
    public void append(float[] unit) {
        int segment = layout.segment(size);
        int index = layout.indexInSegment(size);
        if (segment == segments.length) {
            segments = Arrays.copyOf(segments, segment + 1);
            segments[segment] = new float[layout.grownCapacity(0) * layout.dimension()];
        } else if (index * layout.dimension() == segments[segment].length) {
            segments[segment] = Arrays.copyOf(segments[segment], layout.grownCapacity(index) * layout.dimension());
        }
        VectorMath.pack(unit, segments[segment], layout.groupOffset(size), layout.lane(size));
        size++;
    }

    @Override
    public void read(int ordinal, float[] out) {
        VectorMath.unpack(segments[layout.segment(ordinal)], layout.groupOffset(ordinal), layout.lane(ordinal), out);
    }

    @Override
    public void score(float[] query, int from, int groups, float[] scores) {
        VectorMath.scoreGroups(query, segments[layout.segment(from)], layout.groupOffset(from), groups, scores);
    }

    @Override
    public void scoreBatch(float[][] queries, int from, int groups, float[] scratch, float[] scores) {
        VectorMath.scoreGroupsBatch(queries, segments[layout.segment(from)], layout.groupOffset(from), groups,
                scores);
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public float slack(float[] query) {
        return 0f;
    }

    @Override
    public float exactScore(float[] query, int ordinal, float[] scratch) {
        read(ordinal, scratch);
        return VectorMath.dotInScanOrder(query, scratch);
    }

    @Override
    public long heapBytes() {
        long floats = 0;
        for (float[] segment : segments) {
            floats += segment.length;
        }
        return floats * Float.BYTES;
    }

    @Override
    public long offHeapBytes() {
        return 0;
    }

    /** Drops the vectors. */
    @Override
    public void close() {
        segments = new float[0][];
    }
}
