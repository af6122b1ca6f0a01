package io.simdex.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Float vectors in a memory-mapped temporary file, as plain rows, one mapping per segment of the
 * {@link SegmentLayout}, so they take page cache instead of heap.
 *
 * <p>The file is opened with {@link StandardOpenOption#DELETE_ON_CLOSE}: on Linux and macOS it is unlinked at
 * once (nothing is left behind even if the JVM is killed), elsewhere it is deleted on {@link #close()} or at
 * exit. Mappings are released when they are garbage collected; Java 17 cannot unmap explicitly.
 */
final class SpillFile implements AutoCloseable {

    /** The largest mapping this class makes; a vector must fit in one. */
    static final long MAX_MAPPING_BYTES = 1L << 30;

    private final SegmentLayout layout;
    private final FileChannel channel;
    private final long segmentBytes;
    private FloatBuffer[] segments = new FloatBuffer[0];

    /**
     * Creates the file in {@code directory}.
     *
     * @throws IllegalArgumentException if a segment of the layout would exceed {@link #MAX_MAPPING_BYTES}
     * @throws UncheckedIOException     if the file cannot be created
     */
    SpillFile(SegmentLayout layout, Path directory) {
        this.layout = layout;
        this.segmentBytes = (long) layout.segmentLength() * Float.BYTES;
        if (segmentBytes > MAX_MAPPING_BYTES) {
            throw new IllegalArgumentException("a vector of dimension " + layout.dimension() + " takes "
                    + segmentBytes + " bytes but a spill-file mapping holds at most " + MAX_MAPPING_BYTES);
        }
        try {
            Path file = Files.createTempFile(directory, "simdex-vectors-", ".f32");
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spill file for float vectors in " + directory, e);
        }
    }

    /**
     * Writes {@code vector} as vector {@code ordinal}, mapping its segment first if needed.
     *
     * @throws UncheckedIOException if the file cannot grow (e.g. the disk is full)
     */
    void write(int ordinal, float[] vector) {
        int segment = layout.segment(ordinal);
        if (segment >= segments.length) {
            map(segment);
        }
        segments[segment].put(layout.rowOffset(ordinal), vector, 0, layout.dimension());
    }

    /** Copies vector {@code ordinal} into {@code out}; safe to call from several threads at once. */
    void read(int ordinal, float[] out) {
        segments[layout.segment(ordinal)].get(layout.rowOffset(ordinal), out, 0, layout.dimension());
    }

    /** Bytes mapped so far. */
    long mappedBytes() {
        return segments.length * segmentBytes;
    }

    @Override
    public void close() {
        segments = new FloatBuffer[0];
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the spill file", e);
        }
    }

    private void map(int segment) {
        try {
            MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_WRITE, segment * segmentBytes, segmentBytes);
            segments = Arrays.copyOf(segments, segment + 1);
            segments[segment] = bytes.order(ByteOrder.nativeOrder()).asFloatBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grow the spill file to " + (segment + 1) * segmentBytes
                    + " bytes", e);
        }
    }
}
