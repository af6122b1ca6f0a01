package io.simdex.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A vector's column form: its components as little-endian IEEE-754 float32, 4 bytes each, nothing else. */
final class VectorBytes {

    private VectorBytes() {
    }

    static byte[] encode(float[] vector) {
        var bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    /** @throws IllegalArgumentException if the length is not a whole number of floats */
    static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a vector of " + bytes.length + " bytes is not a whole number of"
                    + " float32 components");
        }
        var vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
