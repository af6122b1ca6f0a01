package io.simdex.index;

import io.simdex.kernels.VectorMath;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@link VectorStore} that scans int8 codes and keeps the exact floats off the heap.
 *
 * <p>Each unit vector is quantized with its own scale ({@link VectorMath#quantizeInt8}): codes (packed like
 * {@link Float32Store}'s floats) and scales sit on the heap in segments, a quarter of the float size, and a
 * scan reads only them. The float vectors go to a
 * {@link SpillFile}, read back only to rescore candidates and for {@link FlatIndex#vector}.
 *
 * <p>An approximate score differs from the exact one by at most {@code sum |query[i]| * scale / 2} (each
 * component is off by at most half a quantization step), plus float rounding, in either direction;
 * {@link #slack} bounds it with the largest scale in the store.
 */
final class Int8Store implements VectorStore {

    /** Relative float rounding allowance per component, about 2^-23. */
    private static final float ROUNDING_PER_COMPONENT = 1.2e-7f;

    private final SegmentLayout layout;
    private final SpillFile floats;
    private byte[][] codes = new byte[0][];
    private float[][] scales = new float[0][];
    private float maxScale;
    private int size;

    /** Creates the store with its spill file in {@code spillDirectory}. */
    Int8Store(SegmentLayout layout, Path spillDirectory) {
        this.layout = layout;
        this.floats = new SpillFile(layout, spillDirectory);
    }

    @Override
    public SegmentLayout layout() {
        return layout;
    }

    @Override
    public void append(float[] unit) {
        int segment = layout.segment(size);
        int index = layout.indexInSegment(size);
        if (segment == codes.length) {
            codes = Arrays.copyOf(codes, segment + 1);
            scales = Arrays.copyOf(scales, segment + 1);
            int capacity = layout.grownCapacity(0);
            codes[segment] = new byte[capacity * layout.dimension()];
            scales[segment] = new float[capacity];
        } else if (index == scales[segment].length) {
            int capacity = layout.grownCapacity(index);
            codes[segment] = Arrays.copyOf(codes[segment], capacity * layout.dimension());
            scales[segment] = Arrays.copyOf(scales[segment], capacity);
        }
        floats.write(size, unit);
        float scale = VectorMath.quantizeInt8(unit, codes[segment], layout.groupOffset(size), layout.lane(size));
        scales[segment][index] = scale;
        maxScale = Math.max(maxScale, scale);
        size++;
    }

    @Override
    public void read(int ordinal, float[] out) {
        floats.read(ordinal, out);
    }

    @Override
    public void score(float[] query, int from, int groups, float[] scores) {
        int segment = layout.segment(from);
        VectorMath.scoreInt8Groups(query, codes[segment], layout.groupOffset(from), scales[segment],
                layout.indexInSegment(from), groups, scores);
    }

    @Override
    public void scoreBatch(float[][] queries, int from, int groups, float[] scratch, float[] scores) {
        int segment = layout.segment(from);
        VectorMath.scoreInt8GroupsBatch(queries, codes[segment], layout.groupOffset(from), scales[segment],
                layout.indexInSegment(from), groups, scratch, scores);
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public float slack(float[] query) {
        float l1 = VectorMath.l1Norm(query);
        return l1 * (maxScale / 2 + ROUNDING_PER_COMPONENT * query.length);
    }

    @Override
    public float exactScore(float[] query, int ordinal, float[] scratch) {
        floats.read(ordinal, scratch);
        return VectorMath.dotInScanOrder(query, scratch);
    }

    @Override
    public long heapBytes() {
        long bytes = 0;
        for (int s = 0; s < codes.length; s++) {
            bytes += codes[s].length + (long) scales[s].length * Float.BYTES;
        }
        return bytes;
    }

    @Override
    public long offHeapBytes() {
        return floats.mappedBytes();
    }

    /** Drops the codes and deletes the spill file. */
    @Override
    public void close() {
        codes = new byte[0][];
        scales = new float[0][];
        floats.close();
    }
}
