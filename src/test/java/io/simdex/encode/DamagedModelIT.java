package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.TestModels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The real tokenizer and runtime on damaged copies of the shipped model's files: each failure is one
 * {@link EncoderException} line in simdex's words that names {@code model.dir}, never a library's own wording.
 */
class DamagedModelIT {

    private static final Path SHIPPED = TestModels.MODEL_CACHE.resolve("all-minilm-l6-v2");

    @TempDir
    Path dir;

    @Test
    void a_truncated_tokenizer_json_says_where_it_ends() throws IOException {
        Path model = copy(100_000, 4096);

        assertThatThrownBy(() -> OnnxEncoder.load(spec(model))).isInstanceOf(EncoderException.class)
                .hasMessageStartingWith("model.dir " + model + ": tokenizer.json is damaged")
                .hasMessageContaining("(it ends early, at line ").hasMessageNotContaining("\n")
                .hasMessageNotContaining("EOF");
    }

    @Test
    void a_tokenizer_json_of_another_format_is_refused_the_same_way() throws IOException {
        Path model = copy(-1, 4096);
        Files.writeString(model.resolve("tokenizer.json"), "{\"hello\": \"world\"}");

        assertThatThrownBy(() -> OnnxEncoder.load(spec(model))).isInstanceOf(EncoderException.class)
                .hasMessageContaining("tokenizer.json is damaged or is not a HuggingFace tokenizer file")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_truncated_or_random_model_onnx_is_called_damaged_with_its_size() throws IOException {
        Path truncated = copy(-1, 1_000_000);
        assertThatThrownBy(() -> OnnxEncoder.load(spec(truncated))).isInstanceOf(EncoderException.class)
                .hasMessageStartingWith("model.dir " + truncated + ": model.onnx (1000000 bytes) is damaged")
                .hasMessageNotContaining("ONNX Model cannot be loaded").hasMessageNotContaining("\n");

        Path random = Files.createDirectories(dir.resolve("random"));
        Files.copy(SHIPPED.resolve("tokenizer.json"), random.resolve("tokenizer.json"));
        byte[] noise = new byte[65_536];
        new Random(7).nextBytes(noise);
        Files.write(random.resolve("model.onnx"), noise);
        assertThatThrownBy(() -> OnnxEncoder.load(spec(random)))
                .hasMessageStartingWith("model.dir " + random + ": model.onnx (65536 bytes) is damaged");
    }

    /**
     * A copy of the shipped model: the first {@code tokenizerBytes} of its tokenizer.json (all of it when negative)
     * and the first {@code onnxBytes} of its model.onnx.
     */
    private Path copy(int tokenizerBytes, int onnxBytes) throws IOException {
        Path model = Files.createDirectories(dir.resolve("model-" + tokenizerBytes + "-" + onnxBytes));
        byte[] tokenizer = Files.readAllBytes(SHIPPED.resolve("tokenizer.json"));
        Files.write(model.resolve("tokenizer.json"), tokenizerBytes < 0 ? tokenizer
                : Arrays.copyOf(tokenizer, tokenizerBytes));
        try (InputStream onnx = Files.newInputStream(SHIPPED.resolve("model.onnx"))) {
            Files.write(model.resolve("model.onnx"), onnx.readNBytes(onnxBytes));
        }
        return model;
    }

    private static EncoderOptions spec(Path model) {
        return new EncoderOptions("all-minilm-l6-v2", model, 256, Pooling.MEAN, new Pools(1, 1, 1, Pools.DEFAULT_BATCH_TOKENS));
    }
}
