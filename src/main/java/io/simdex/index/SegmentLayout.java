package io.simdex.index;

import io.simdex.kernels.VectorMath;

/**
 * How a store splits vectors into fixed-size segments, and packs each segment for the scan kernels.
 *
 * <p>Vector {@code ordinal} lives in segment {@code ordinal / vectorsPerSegment}, at index
 * {@code i = ordinal % vectorsPerSegment} of it. Inside a segment, vectors are packed in groups of
 * {@code groupWidth} (see {@link VectorMath#pack}): vector {@code i} is lane {@code i % groupWidth} of the group
 * at {@link #groupOffset}. A store that keeps plain rows instead puts it at {@link #rowOffset}.
 *
 * <p>Segments hold a power of two of vectors: at most {@value #MAX_VECTORS_PER_SEGMENT}, at most
 * {@value #MAX_COMPONENTS_PER_SEGMENT} components unless that leaves fewer than
 * {@value #MIN_VECTORS_PER_SEGMENT} vectors. Only the last segment is partly filled; it grows by doubling,
 * so allocated storage exceeds the raw vectors by less than one segment.
 *
 * @param dimension         components per vector
 * @param vectorsPerSegment a power of two, a multiple of {@code groupWidth}
 * @param groupWidth        vectors per packed group, a power of two
 */
record SegmentLayout(int dimension, int vectorsPerSegment, int groupWidth) {

    static final int MAX_VECTORS_PER_SEGMENT = 4096;
    static final int MIN_VECTORS_PER_SEGMENT = 16;
    static final int MAX_COMPONENTS_PER_SEGMENT = 1 << 22;

    /** The largest dimension: a segment of {@value #MIN_VECTORS_PER_SEGMENT} vectors must fit in one array. */
    static final int MAX_DIMENSION = (Integer.MAX_VALUE - 8) / MIN_VECTORS_PER_SEGMENT;

    /** The first capacity of a segment, in vectors, before it doubles. */
    private static final int INITIAL_CAPACITY = 16;

    SegmentLayout {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "dimension must be in [1, " + MAX_DIMENSION + "] but was " + dimension);
        }
        if (groupWidth < 1 || groupWidth > MIN_VECTORS_PER_SEGMENT || Integer.bitCount(groupWidth) != 1) {
            throw new IllegalArgumentException("groupWidth must be a power of two in [1, "
                    + MIN_VECTORS_PER_SEGMENT + "] but was " + groupWidth);
        }
        if (vectorsPerSegment < MIN_VECTORS_PER_SEGMENT || Integer.bitCount(vectorsPerSegment) != 1) {
            throw new IllegalArgumentException("vectorsPerSegment must be a power of two >= "
                    + MIN_VECTORS_PER_SEGMENT + " but was " + vectorsPerSegment);
        }
    }

    /** The layout for vectors of {@code dimension} components, packed for this JVM's kernels. */
    static SegmentLayout forDimension(int dimension) {
        return forDimension(dimension, VectorMath.groupWidth());
    }

    /** The largest segments within the limits. */
    static SegmentLayout forDimension(int dimension, int groupWidth) {
        int vectors = MAX_VECTORS_PER_SEGMENT;
        while (vectors > MIN_VECTORS_PER_SEGMENT && (long) vectors * dimension > MAX_COMPONENTS_PER_SEGMENT) {
            vectors >>= 1;
        }
        return new SegmentLayout(dimension, vectors, groupWidth);
    }

    int segment(int ordinal) {
        return ordinal >>> Integer.numberOfTrailingZeros(vectorsPerSegment);
    }

    /** The position of vector {@code ordinal} within its segment. */
    int indexInSegment(int ordinal) {
        return ordinal & (vectorsPerSegment - 1);
    }

    /** Where the packed group holding vector {@code ordinal} starts in its segment's array. */
    int groupOffset(int ordinal) {
        return (indexInSegment(ordinal) & -groupWidth) * dimension;
    }

    /** The lane of vector {@code ordinal} within its packed group. */
    int lane(int ordinal) {
        return ordinal & (groupWidth - 1);
    }

    /** Where vector {@code ordinal} starts in its segment when a store keeps plain rows. */
    int rowOffset(int ordinal) {
        return indexInSegment(ordinal) * dimension;
    }

    /** The first ordinal of the segment after the one holding {@code ordinal} (a long: it may pass 2^31). */
    long nextSegmentStart(int ordinal) {
        return (segment(ordinal) + 1L) * vectorsPerSegment;
    }

    /** Components in a full segment. */
    int segmentLength() {
        return vectorsPerSegment * dimension;
    }

    /**
     * The capacity, in vectors, for the last segment when it holds {@code vectors} and one more must fit:
     * doubling from {@value #INITIAL_CAPACITY}, capped at {@link #vectorsPerSegment()}; always whole groups.
     */
    int grownCapacity(int vectors) {
        return Math.min(vectorsPerSegment, Math.max(INITIAL_CAPACITY, 2 * vectors));
    }
}
