package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ONNX model {@link GemmModel} writes, read back field by field with ONNX's field numbers, and run through
 * ONNX Runtime by {@link GemmProbe} on a small shape against a product computed here.
 */
class GemmModelTest {

    @Test
    void varints_and_length_prefixed_fields_follow_the_protobuf_wire_format() {
        byte[] bytes = new GemmModel.Proto().varint(1, 300).string(2, "ab").varint(3, 1L << 35).toByteArray();

        // key 1<<3|0 = 0x08, 300 = 0xAC 0x02; key 2<<3|2 = 0x12, length 2, 'a' 'b'; key 3<<3|0 = 0x18, 2^35
        assertThat(bytes).containsExactly(0x08, 0xAC, 0x02, 0x12, 0x02, 'a', 'b', 0x18, 0x80, 0x80, 0x80, 0x80, 0x80,
                0x01);
    }

    @Test
    void the_fp32_model_is_one_matmul_of_the_input_and_a_constant_weight() {
        List<Field> model = Field.parse(GemmModel.bytes(Precision.FP32, 5, 3, 4));

        assertThat(Field.first(model, GemmModel.MODEL_IR_VERSION).varint).isEqualTo(GemmModel.IR_VERSION);
        List<Field> opset = Field.first(model, GemmModel.MODEL_OPSET_IMPORT).message();
        assertThat(Field.first(opset, GemmModel.OPSET_DOMAIN).text()).isEmpty();
        assertThat(Field.first(opset, GemmModel.OPSET_VERSION).varint).isEqualTo(GemmModel.OPSET);

        List<Field> graph = Field.first(model, GemmModel.MODEL_GRAPH).message();
        List<List<Field>> nodes = Field.messages(graph, GemmModel.GRAPH_NODE);
        assertThat(nodes).hasSize(1);
        assertThat(Field.first(nodes.get(0), GemmModel.NODE_OP_TYPE).text()).isEqualTo("MatMul");
        assertThat(Field.texts(nodes.get(0), GemmModel.NODE_INPUT)).containsExactly("x", "w");
        assertThat(Field.texts(nodes.get(0), GemmModel.NODE_OUTPUT)).containsExactly("y");

        List<Field> weight = Field.messages(graph, GemmModel.GRAPH_INITIALIZER).get(0);
        assertThat(Field.first(weight, GemmModel.TENSOR_NAME).text()).isEqualTo("w");
        assertThat(Field.first(weight, GemmModel.TENSOR_DATA_TYPE).varint).isEqualTo(GemmModel.FLOAT);
        assertThat(Field.all(weight, GemmModel.TENSOR_DIMS)).extracting(f -> f.varint).containsExactly(3L, 4L);
        assertThat(Field.first(weight, GemmModel.TENSOR_RAW_DATA).bytes).hasSize(3 * 4 * Float.BYTES);

        assertThat(valueInfo(graph, GemmModel.GRAPH_INPUT)).containsExactly((long) GemmModel.FLOAT, 5L, 3L);
        assertThat(valueInfo(graph, GemmModel.GRAPH_OUTPUT)).containsExactly((long) GemmModel.FLOAT, 5L, 4L);
    }

    @Test
    void the_int8_model_quantizes_the_input_then_multiplies_with_int8_weights_as_the_int8_encoder() {
        List<Field> graph = Field.first(Field.parse(GemmModel.bytes(Precision.INT8, 5, 3, 4)), GemmModel.MODEL_GRAPH)
                .message();

        List<List<Field>> nodes = Field.messages(graph, GemmModel.GRAPH_NODE);
        assertThat(nodes).extracting(n -> Field.first(n, GemmModel.NODE_OP_TYPE).text())
                .containsExactly("DynamicQuantizeLinear", "MatMulInteger");
        assertThat(Field.texts(nodes.get(1), GemmModel.NODE_INPUT))
                .containsExactly("xq", "w", "x_zero_point", "w_zero_point");
        List<List<Field>> initializers = Field.messages(graph, GemmModel.GRAPH_INITIALIZER);
        assertThat(initializers).extracting(t -> Field.first(t, GemmModel.TENSOR_DATA_TYPE).varint)
                .containsExactly((long) GemmModel.INT8, (long) GemmModel.INT8);
        assertThat(Field.all(initializers.get(1), GemmModel.TENSOR_DIMS)).extracting(f -> f.varint)
                .as("one zero point per column").containsExactly(4L);
        assertThat(valueInfo(graph, GemmModel.GRAPH_OUTPUT)).containsExactly((long) GemmModel.INT32, 5L, 4L);
    }

    @Test
    void bad_shapes_are_refused() {
        assertThatThrownBy(() -> GemmModel.bytes(Precision.FP32, 0, 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GemmProbe.open(Precision.FP32, 2, 3, 4, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onnx_runtime_computes_the_fp32_product_of_the_input_and_the_written_weights() {
        int m = 6;
        int k = 5;
        int n = 7;
        float[] w = weights(GemmModel.bytes(Precision.FP32, m, k, n));
        try (GemmProbe probe = GemmProbe.open(Precision.FP32, m, k, n, 2, 1)) {
            float[] x = probe.firstInput();

            float[][] y = probe.firstProduct();
            probe.run();

            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = 0;
                    for (int d = 0; d < k; d++) {
                        expected += x[i * k + d] * w[d * n + j];
                    }
                    assertThat((double) y[i][j]).isCloseTo(expected, within(1e-5));
                }
            }
            assertThat(probe.opsPerRun()).isEqualTo(2.0 * m * k * n * 2);
            assertThat(probe.operators()).isEqualTo("MatMul");
            assertThat(probe.shape()).isEqualTo("[6, 5] × [5, 7]");
        }
    }

    @Test
    void onnx_runtime_runs_the_int8_product_close_to_the_float_one_over_the_input_scale() {
        int m = 4;
        int k = 16;
        int n = 3;
        byte[] w = Field.first(Field.messages(Field.first(Field.parse(GemmModel.bytes(Precision.INT8, m, k, n)),
                GemmModel.MODEL_GRAPH).message(), GemmModel.GRAPH_INITIALIZER).get(0), GemmModel.TENSOR_RAW_DATA).bytes;
        try (GemmProbe probe = GemmProbe.open(Precision.INT8, m, k, n, 1, 2)) {
            float[] x = probe.firstInput();
            float min = 0;
            float max = 0;
            for (float v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double scale = (max - min) / 255.0; // DynamicQuantizeLinear's scale

            float[][] y = probe.firstProduct();

            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0;
                    double bound = 0;
                    for (int d = 0; d < k; d++) {
                        exact += x[i * k + d] * w[d * n + j];
                        bound += Math.abs(w[d * n + j]) * scale; // each input is off by at most a step
                    }
                    assertThat(y[i][j] * scale).isCloseTo(exact, within(bound + 1e-3));
                }
            }
            assertThat(probe.operators()).isEqualTo("DynamicQuantizeLinear + MatMulInteger");
        }
    }

    @Test
    void djl_can_still_start_onnx_runtime_after_the_probe_ran() {
        try (GemmProbe probe = GemmProbe.open(Precision.FP32, 2, 3, 4, 1, 1)) {
            probe.run();
        }

        // DJL creates ONNX Runtime's environment with its own options and fails if another one exists
        assertThat(Engine.getEngine("OnnxRuntime").getEngineName()).isEqualTo("OnnxRuntime");
    }

    private static List<Long> valueInfo(List<Field> graph, int field) {
        List<Field> info = Field.first(graph, field).message();
        List<Field> tensorType = Field.first(Field.first(info, GemmModel.VALUE_INFO_TYPE).message(),
                GemmModel.TYPE_TENSOR_TYPE).message();
        var out = new ArrayList<Long>();
        out.add(Field.first(tensorType, GemmModel.TENSOR_TYPE_ELEM_TYPE).varint);
        for (List<Field> dim : Field.messages(Field.first(tensorType, GemmModel.TENSOR_TYPE_SHAPE).message(),
                GemmModel.SHAPE_DIM)) {
            out.add(Field.first(dim, GemmModel.DIM_VALUE).varint);
        }
        return out;
    }

    private static float[] weights(byte[] model) {
        List<Field> graph = Field.first(Field.parse(model), GemmModel.MODEL_GRAPH).message();
        byte[] raw = Field.first(Field.messages(graph, GemmModel.GRAPH_INITIALIZER).get(0), GemmModel.TENSOR_RAW_DATA)
                .bytes;
        float[] w = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(w);
        return w;
    }

    /** One protobuf field as read back: a varint or a run of bytes. */
    private record Field(int number, long varint, byte[] bytes) {

        static List<Field> parse(byte[] b) {
            var fields = new ArrayList<Field>();
            int[] at = {0};
            while (at[0] < b.length) {
                long key = readVarint(b, at);
                int wireType = (int) (key & 7);
                if (wireType == GemmModel.Proto.VARINT) {
                    fields.add(new Field((int) (key >>> 3), readVarint(b, at), null));
                } else if (wireType == GemmModel.Proto.LENGTH_DELIMITED) {
                    int length = (int) readVarint(b, at);
                    byte[] value = java.util.Arrays.copyOfRange(b, at[0], at[0] + length);
                    at[0] += length;
                    fields.add(new Field((int) (key >>> 3), 0, value));
                } else {
                    throw new AssertionError("unexpected wire type " + wireType);
                }
            }
            return fields;
        }

        static long readVarint(byte[] b, int[] at) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte next = b[at[0]++];
                value |= (long) (next & 0x7F) << shift;
                if (next >= 0) {
                    return value;
                }
            }
        }

        static List<Field> all(List<Field> fields, int number) {
            return fields.stream().filter(f -> f.number == number).toList();
        }

        static Field first(List<Field> fields, int number) {
            return all(fields, number).get(0);
        }

        static List<List<Field>> messages(List<Field> fields, int number) {
            return all(fields, number).stream().map(Field::message).toList();
        }

        static List<String> texts(List<Field> fields, int number) {
            return all(fields, number).stream().map(Field::text).toList();
        }

        List<Field> message() {
            return parse(bytes);
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
