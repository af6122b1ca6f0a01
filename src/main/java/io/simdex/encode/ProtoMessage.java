package io.simdex.encode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields of one protobuf message as they lie in a byte array, for reading ONNX models without an ONNX library
 * (the writing side is {@link GemmModel.Proto}). Every field keeps the bytes it was read from, so a message can be
 * written back with some fields left out and others added.
 */
final class ProtoMessage {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    /**
     * One field.
     *
     * @param number the field number
     * @param wireType 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit
     * @param start where the field's key starts
     * @param valueStart where its value starts (after the length, for wire type 2)
     * @param end where the field ends
     * @param varint the value of a varint field, 0 otherwise
     */
    record Field(int number, int wireType, int start, int valueStart, int end, long varint) {
    }

    private final byte[] bytes;
    private final List<Field> fields;

    private ProtoMessage(byte[] bytes, List<Field> fields) {
        this.bytes = bytes;
        this.fields = fields;
    }

    /**
     * The fields of the message in {@code bytes[from, to)}.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed message
     */
    static ProtoMessage parse(byte[] bytes, int from, int to) {
        var fields = new ArrayList<Field>();
        int[] at = {from};
        while (at[0] < to) {
            int start = at[0];
            long key = readVarint(bytes, at, to);
            int number = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            long varint = 0;
            int valueStart = at[0];
            switch (wireType) {
                case VARINT -> varint = readVarint(bytes, at, to);
                case FIXED64 -> at[0] += 8;
                case FIXED32 -> at[0] += 4;
                case LENGTH_DELIMITED -> {
                    long length = readVarint(bytes, at, to);
                    valueStart = at[0];
                    at[0] += (int) length;
                    if (length < 0 || length > to - valueStart) {
                        throw new IllegalArgumentException("field " + number + " runs past the message's end");
                    }
                }
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
            }
            if (at[0] > to) {
                throw new IllegalArgumentException("field " + number + " runs past the message's end");
            }
            fields.add(new Field(number, wireType, start, valueStart, at[0], varint));
        }
        return new ProtoMessage(bytes, fields);
    }

    static ProtoMessage parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    List<Field> fields() {
        return fields;
    }

    /** The nested message of a length-delimited field. */
    ProtoMessage message(Field field) {
        return parse(bytes, field.valueStart(), field.end());
    }

    /** The first nested message with this number, or null. */
    ProtoMessage message(int number) {
        for (Field f : fields) {
            if (f.number() == number && f.wireType() == LENGTH_DELIMITED) {
                return message(f);
            }
        }
        return null;
    }

    /** Every string with this number, in order. */
    List<String> strings(int number) {
        var out = new ArrayList<String>();
        for (Field f : fields) {
            if (f.number() == number && f.wireType() == LENGTH_DELIMITED) {
                out.add(new String(bytes, f.valueStart(), f.end() - f.valueStart(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The first string with this number, or "" (protobuf's default). */
    String string(int number) {
        List<String> all = strings(number);
        return all.isEmpty() ? "" : all.get(0);
    }

    /** Every integer with this number, whether written one field each or packed into one. */
    List<Long> varints(int number) {
        var out = new ArrayList<Long>();
        for (Field f : fields) {
            if (f.number() != number) {
                continue;
            }
            if (f.wireType() == VARINT) {
                out.add(f.varint());
            } else if (f.wireType() == LENGTH_DELIMITED) {
                int[] at = {f.valueStart()};
                while (at[0] < f.end()) {
                    out.add(readVarint(bytes, at, f.end()));
                }
            }
        }
        return out;
    }

    /** The first float of a {@code repeated float} field (packed or not), or null when there is none. */
    Float firstFloat(int number) {
        for (Field f : fields) {
            if (f.number() == number && (f.wireType() == FIXED32 || f.wireType() == LENGTH_DELIMITED)
                    && f.end() - f.valueStart() >= Float.BYTES) {
                return ByteBuffer.wrap(bytes, f.valueStart(), Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            }
        }
        return null;
    }

    /** The value bytes of a length-delimited field (a nested message's own bytes). */
    byte[] value(Field field) {
        return Arrays.copyOfRange(bytes, field.valueStart(), field.end());
    }

    /** The bytes a field was read from, key included, to copy it unchanged. */
    byte[] encoded(Field field) {
        return Arrays.copyOfRange(bytes, field.start(), field.end());
    }

    private static long readVarint(byte[] bytes, int[] at, int to) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= to) {
                throw new IllegalArgumentException("a varint runs past the message's end");
            }
            int b = bytes[at[0]++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        throw new IllegalArgumentException("a varint is longer than 10 bytes");
    }
}
