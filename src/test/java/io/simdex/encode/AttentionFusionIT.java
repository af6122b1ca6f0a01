package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.simdex.TestModels;

import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link AttentionFusion} on every model simdex ships: it finds one attention block per layer, the fused graph
 * runs, and its token vectors are the original graph's on a padded batch of texts of different lengths.
 */
class AttentionFusionIT {

    @ParameterizedTest
    @CsvSource({"all-minilm-l6-v2, 6", "all-minilm-l6-v2-q, 6", "bge-small-en-v1.5, 12", "bge-small-en-v1.5-q, 12"})
    void every_layer_s_attention_becomes_one_operator_with_the_same_output(String folder, int layers) throws Exception {
        Path dir = TestModels.MODEL_CACHE.resolve(folder);
        byte[] original = Files.readAllBytes(dir.resolve(ModelFiles.MODEL));

        AttentionFusion.Fused fused = AttentionFusion.fuse(original).orElseThrow();

        assertThat(fused.blocks()).isEqualTo(layers);
        List<String> ops = opTypes(fused.bytes());
        assertThat(ops).filteredOn("MultiHeadAttention"::equals).hasSize(layers);
        assertThat(ops).doesNotContain("Softmax", "Transpose");
        assertThat(opTypes(original)).filteredOn("Softmax"::equals).hasSize(layers);

        List<long[]> texts;
        try (var tokenizer = TextTokenizer.load(dir.resolve(ModelFiles.TOKENIZER))) {
            texts = tokenizer.tokenize(List.of("a short title",
                    "Attention is all you need: a model built on attention alone, without recurrence or convolution, "
                            + "trains faster and translates better.",
                    "one"), 256).stream().map(TokenizedText::ids).toList();
        }
        float[] expected = hidden(original, texts);
        float[] actual = hidden(fused.bytes(), texts);
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertThat(worst).as("largest difference of a token vector component").isLessThan(1e-4);
    }

    @ParameterizedTest
    @CsvSource({"FP32", "INT8"})
    void a_graph_without_attention_is_left_alone(Precision precision) {
        assertThat(AttentionFusion.fuse(GemmModel.bytes(precision, 4, 3, 2))).isEmpty();
    }

    /** The op types of a model's nodes, in order. */
    private static List<String> opTypes(byte[] model) {
        ProtoMessage graph = ProtoMessage.parse(model).message(GemmModel.MODEL_GRAPH);
        var out = new ArrayList<String>();
        for (ProtoMessage.Field f : graph.fields()) {
            if (f.number() == GemmModel.GRAPH_NODE) {
                out.add(graph.message(f).string(GemmModel.NODE_OP_TYPE));
            }
        }
        return out;
    }

    /** The model's token vectors for the texts, padded to the longest with the mask saying where. */
    private static float[] hidden(byte[] model, List<long[]> texts) throws OrtException {
        Engine.getEngine("OnnxRuntime"); // loads ONNX Runtime's native library the way the encoder does
        int rows = texts.size();
        int length = texts.stream().mapToInt(t -> t.length).max().orElseThrow();
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(texts.get(r), 0, ids, r * length, texts.get(r).length);
            Arrays.fill(mask, r * length, r * length + texts.get(r).length, 1L);
        }
        long[] shape = {rows, length};
        var env = OrtEnvironment.getEnvironment();
        try (var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 var idsTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                 var maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                 var types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
                 var result = session.run(Map.of("input_ids", idsTensor, "attention_mask", maskTensor,
                         "token_type_ids", types))) {
                var buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] out = new float[buffer.remaining()];
                buffer.get(out);
                // compare real tokens only: padded positions are not pooled and may differ
                for (int r = 0; r < rows; r++) {
                    int dim = out.length / (rows * length);
                    Arrays.fill(out, (r * length + texts.get(r).length) * dim, (r + 1) * length * dim, 0f);
                }
                return out;
            }
        }
    }
}
