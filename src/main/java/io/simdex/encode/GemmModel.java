package io.simdex.encode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The bytes of a one-product ONNX model, {@code y = x · w} with {@code x} an input of {@code m × k} floats and
 * {@code w} a constant {@code k × n} weight, for {@link GemmProbe}:
 * <ul>
 *   <li>fp32: one {@code MatMul}, as the fp32 encoder computes its projections;</li>
 *   <li>int8: {@code DynamicQuantizeLinear} (x to uint8, its scale and zero point), then {@code MatMulInteger}
 *       with int8 weights and one int8 zero point per column, giving int32: the two operators the int8
 *       all-MiniLM-L6-v2 export (onnxruntime.quantization, opset 11) uses for each of its 36 projections.</li>
 * </ul>
 *
 * <p>The model is written directly as protobuf wire format, so no ONNX library is needed. The field numbers are
 * ONNX's ({@code onnx/onnx.proto3}); only the fields this fixed graph needs are written.
 */
final class GemmModel {

    /** ONNX IR version and default-domain opset, as in the int8 all-MiniLM-L6-v2 export. */
    static final long IR_VERSION = 6;
    static final long OPSET = 11;

    // ModelProto
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_PRODUCER_NAME = 2;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET_IMPORT = 8;
    // OperatorSetIdProto
    static final int OPSET_DOMAIN = 1;
    static final int OPSET_VERSION = 2;
    // GraphProto
    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    // NodeProto
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    // TensorProto
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    static final int VALUE_INFO_NAME = 1;
    static final int VALUE_INFO_TYPE = 2;
    static final int TYPE_TENSOR_TYPE = 1;
    static final int TENSOR_TYPE_ELEM_TYPE = 1;
    static final int TENSOR_TYPE_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;
    // TensorProto.DataType
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;

    static final String INPUT = "x";
    static final String OUTPUT = "y";

    private GemmModel() {
    }

    /**
     * The model for one precision and shape; the weights are pseudo-random but the same for the same arguments.
     *
     * @throws IllegalArgumentException if a dimension is below 1 or the weights would not fit in one array
     */
    static byte[] bytes(Precision precision, int m, int k, int n) {
        if (m < 1 || k < 1 || n < 1 || (long) k * n * Float.BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("m, k and n must be >= 1 and k·n·4 must fit in an array, but were "
                    + m + ", " + k + " and " + n);
        }
        var random = new SplittableRandom(k * 31L + n);
        var graph = new Proto().string(GRAPH_NAME, "gemm-probe");
        if (precision == Precision.FP32) {
            ByteBuffer w = littleEndian(k * n * Float.BYTES);
            for (int i = 0; i < k * n; i++) {
                w.putFloat((float) (random.nextDouble() - 0.5) * 0.1f);
            }
            graph.message(GRAPH_NODE, node("matmul", "MatMul", new String[] {INPUT, "w"}, new String[] {OUTPUT}))
                    .message(GRAPH_INITIALIZER, tensor("w", FLOAT, w.array(), k, n))
                    .message(GRAPH_OUTPUT, valueInfo(OUTPUT, FLOAT, m, n));
        } else {
            byte[] w = new byte[k * n];
            for (int i = 0; i < w.length; i++) {
                w[i] = (byte) random.nextInt(-127, 128);
            }
            graph.message(GRAPH_NODE, node("quantize", "DynamicQuantizeLinear", new String[] {INPUT},
                            new String[] {"xq", "x_scale", "x_zero_point"}))
                    .message(GRAPH_NODE, node("matmul", "MatMulInteger",
                            new String[] {"xq", "w", "x_zero_point", "w_zero_point"}, new String[] {OUTPUT}))
                    .message(GRAPH_INITIALIZER, tensor("w", INT8, w, k, n))
                    .message(GRAPH_INITIALIZER, tensor("w_zero_point", INT8, new byte[n], n))
                    .message(GRAPH_OUTPUT, valueInfo(OUTPUT, INT32, m, n));
        }
        graph.message(GRAPH_INPUT, valueInfo(INPUT, FLOAT, m, k));
        return new Proto()
                .varint(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "simdex GemmProbe")
                .message(MODEL_GRAPH, graph)
                .message(MODEL_OPSET_IMPORT, new Proto().string(OPSET_DOMAIN, "").varint(OPSET_VERSION, OPSET))
                .toByteArray();
    }

    private static Proto node(String name, String opType, String[] inputs, String[] outputs) {
        var node = new Proto();
        for (String input : inputs) {
            node.string(NODE_INPUT, input);
        }
        for (String output : outputs) {
            node.string(NODE_OUTPUT, output);
        }
        return node.string(NODE_NAME, name).string(NODE_OP_TYPE, opType);
    }

    private static Proto tensor(String name, int dataType, byte[] raw, long... dims) {
        var tensor = new Proto();
        for (long d : dims) {
            tensor.varint(TENSOR_DIMS, d);
        }
        return tensor.varint(TENSOR_DATA_TYPE, dataType).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw);
    }

    private static Proto valueInfo(String name, int elemType, long... dims) {
        var shape = new Proto();
        for (long d : dims) {
            shape.message(SHAPE_DIM, new Proto().varint(DIM_VALUE, d));
        }
        var tensorType = new Proto().varint(TENSOR_TYPE_ELEM_TYPE, elemType).message(TENSOR_TYPE_SHAPE, shape);
        return new Proto().string(VALUE_INFO_NAME, name)
                .message(VALUE_INFO_TYPE, new Proto().message(TYPE_TENSOR_TYPE, tensorType));
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * One protobuf message being written: each field is its key ({@code field number << 3 | wire type}) as a
     * varint, then a varint (wire type 0) or a length-prefixed run of bytes (wire type 2: strings, bytes and
     * nested messages). Repeated fields are written once per value; packed encoding is not used.
     */
    static final class Proto {
        static final int VARINT = 0;
        static final int LENGTH_DELIMITED = 2;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            key(field, VARINT);
            writeVarint(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto bytes(int field, byte[] value) {
            key(field, LENGTH_DELIMITED);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto message(int field, Proto message) {
            return bytes(field, message.toByteArray());
        }

        /** Appends a field already encoded, key included (one read by {@link ProtoMessage}). */
        Proto encoded(byte[] field) {
            out.writeBytes(field);
            return this;
        }

        /** The key and length of a length-delimited field whose {@code length} value bytes are written apart. */
        static byte[] header(int field, long length) {
            var header = new Proto();
            header.key(field, LENGTH_DELIMITED);
            header.writeVarint(length);
            return header.toByteArray();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void key(int field, int wireType) {
            writeVarint((long) field << 3 | wireType);
        }

        /** Seven bits per byte, least significant first; the high bit says another byte follows. */
        private void writeVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
