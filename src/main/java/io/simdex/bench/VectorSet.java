package io.simdex.bench;

import io.simdex.index.VectorMath;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Vectors back to back in one {@code float[]}: vector {@code i} is {@code [i·dimension, (i+1)·dimension)}.
 * The form every search system is built from; each copies it into its own layout.
 *
 * @param data the components, {@code count · dimension} of them
 * @param dimension components per vector
 * @param count number of vectors
 */
public record VectorSet(float[] data, int dimension, int count) {

    /** Vectors per generator; fixed so the values do not depend on how many threads generate them. */
    private static final int CHUNK = 4096;

    public VectorSet {
        Objects.requireNonNull(data, "data");
        if (dimension < 1 || count < 0 || (long) dimension * count != data.length) {
            throw new IllegalArgumentException("data holds " + data.length + " floats, not " + count + " vectors of "
                    + dimension + " components");
        }
    }

    /**
     * Unit vectors drawn uniformly from the sphere (normalized Gaussians), reproducible from {@code seed}
     * whatever the machine's core count.
     */
    public static VectorSet synthetic(int count, int dimension, long seed) {
        if (count < 1 || dimension < 1 || (long) count * dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot hold " + count + " vectors of " + dimension
                    + " components in one float[]");
        }
        float[] data = new float[count * dimension];
        int chunks = (count + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            var random = new SplittableRandom(seed * 1_000_003L + chunk);
            float[] v = new float[dimension];
            int end = Math.min(count, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                for (int j = 0; j < dimension; j++) {
                    v[j] = (float) random.nextGaussian();
                }
                VectorMath.normalizeInPlace(v);
                System.arraycopy(v, 0, data, i * dimension, dimension);
            }
        });
        return new VectorSet(data, dimension, count);
    }

    /** A copy of vector {@code i}. */
    public float[] vector(int i) {
        Objects.checkIndex(i, count);
        return Arrays.copyOfRange(data, i * dimension, (i + 1) * dimension);
    }

    /** Every vector as its own array (copies). */
    public float[][] toArrays() {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = vector(i);
        }
        return out;
    }

    /** Size of the components in bytes. */
    public long bytes() {
        return 4L * data.length;
    }
}
