package io.simdex.tools.bench;

import io.simdex.kernels.VectorMath;

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

    /**
     * A copy in which about {@code fraction} of the vectors (never the first) are replaced by near copies of
     * random earlier vectors: {@code normalize(u + g)} with {@code g} Gaussian noise of squared length about
     * {@code t} drawn uniformly from [0.01, 0.2], so the cosine to {@code u} is about {@code 1 / sqrt(1 + t)},
     * in [0.91, 0.995]. A copy may be copied again. Reproducible from {@code seed}.
     */
    public VectorSet withNearCopies(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1] but was " + fraction);
        }
        float[] copy = data.clone();
        var random = new SplittableRandom(seed);
        float[] v = new float[dimension];
        for (int i = 1; i < count; i++) {
            if (random.nextDouble() >= fraction) {
                continue;
            }
            int source = random.nextInt(i);
            double sigma = Math.sqrt((0.01 + 0.19 * random.nextDouble()) / dimension);
            for (int j = 0; j < dimension; j++) {
                v[j] = (float) (copy[source * dimension + j] + sigma * random.nextGaussian());
            }
            VectorMath.normalizeInPlace(v);
            System.arraycopy(v, 0, copy, i * dimension, dimension);
        }
        return new VectorSet(copy, dimension, count);
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
