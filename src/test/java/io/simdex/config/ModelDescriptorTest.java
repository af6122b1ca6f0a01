package io.simdex.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.dedup.DedupOptions;
import io.simdex.encode.EncoderOptions;
import io.simdex.encode.LongTexts;
import io.simdex.encode.Pooling;
import io.simdex.encode.Precision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Each model runs as its reference pipeline does, from its descriptor, unless a setting says otherwise. */
class ModelDescriptorTest {

    @TempDir
    Path dir;

    @Test
    void minilm_mean_pools_256_tokens_and_has_no_query_instruction() {
        EncoderOptions m = SettingsLoader.load(null, Map.of(), Map.of()).model();

        assertThat(m.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(m.maxTokens()).isEqualTo(256);
        assertThat(m.normalize()).isTrue();
        assertThat(m.queryInstruction()).isEmpty();
    }

    @Test
    void bge_takes_the_cls_vector_of_512_tokens_and_instructs_search_queries() {
        EncoderOptions m = SettingsLoader.load(null, Map.of(), Map.of("model.name", "bge-small-en-v1.5",
                "model.precision", "int8")).model();

        assertThat(m.dir()).isEqualTo(Path.of("model-cache", "bge-small-en-v1.5-q"));
        assertThat(m.pooling()).isEqualTo(Pooling.CLS);
        assertThat(m.maxTokens()).isEqualTo(512);
        assertThat(m.queryInstruction()).isEqualTo("Represent this sentence for searching relevant passages: ");
    }

    @Test
    void settings_override_the_descriptor() {
        EncoderOptions m = SettingsLoader.load(null, Map.of("SIMDEX_MODEL_MAX_TOKENS", "128"),
                Map.of("model.name", "bge-small-en-v1.5", "model.pooling", "mean", "model.long-texts", "chunk")).model();

        assertThat(m.maxTokens()).isEqualTo(128);
        assertThat(m.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(m.longTexts()).isEqualTo(LongTexts.CHUNK);
        assertThat(m.queryInstruction()).startsWith("Represent");
    }

    @Test
    void a_descriptor_in_the_model_folder_wins() throws IOException {
        Path model = Files.createDirectories(dir.resolve("my-model"));
        Files.writeString(model.resolve(ModelDescriptor.FILE_IN_MODEL_DIR),
                "pooling: cls\nmax-tokens: 384\nquery-instruction: \"query: \"\n");

        EncoderOptions m = SettingsLoader.load(null, Map.of(), Map.of("model.name", "my-model",
                "model.dir", model.toString())).model();

        assertThat(m.pooling()).isEqualTo(Pooling.CLS);
        assertThat(m.maxTokens()).isEqualTo(384);
        assertThat(m.normalize()).isTrue();
        assertThat(m.queryInstruction()).isEqualTo("query: ");
        assertThat(m.longTexts()).isEqualTo(LongTexts.TRUNCATE);
    }

    @Test
    void duplicate_thresholds_come_from_the_descriptor_for_the_precision_in_use_unless_set() throws IOException {
        Path model = Files.createDirectories(dir.resolve("my-model"));
        Files.writeString(model.resolve(ModelDescriptor.FILE_IN_MODEL_DIR), "pooling: cls\nmax-tokens: 384\n"
                + "dedup:\n  fp32: {near-duplicate: 0.9, related: 0.8, aligned-sentences: 0.4}\n"
                + "  int8: {near-duplicate: 0.91}\n");
        Map<String, String> mine = Map.of("model.name", "my-model", "model.dir", model.toString(),
                "model.precision", "fp32");

        DedupOptions fp32 = SettingsLoader.load(null, Map.of(), mine).dedup();
        var int8 = new java.util.HashMap<>(mine);
        int8.put("model.precision", "int8");
        var overridden = new java.util.HashMap<>(mine);
        overridden.put("dedup.near-duplicate", "0.95");

        assertThat(fp32.bands().nearDuplicate()).isEqualTo(0.9f);
        assertThat(fp32.bands().related()).isEqualTo(0.8f);
        assertThat(fp32.rewrites().alignedSentences()).isEqualTo(0.4f);
        assertThat(fp32.bands().duplicate()).isEqualTo(DedupOptions.defaults().bands().duplicate());
        assertThat(SettingsLoader.load(null, Map.of(), int8).dedup().bands().nearDuplicate()).isEqualTo(0.91f);
        assertThat(SettingsLoader.load(null, Map.of(), overridden).dedup().bands().nearDuplicate()).isEqualTo(0.95f);
    }

    @Test
    void the_shipped_descriptors_calibrate_the_duplicate_check_for_both_precisions() {
        for (String name : java.util.List.of("all-minilm-l6-v2", "bge-small-en-v1.5")) {
            ModelDescriptor d = ModelDescriptor.find(name, dir);
            assertThat(d.dedup(Precision.FP32)).as(name).containsKeys("near-duplicate", "aligned-sentences");
            assertThat(d.dedup(Precision.INT8)).as(name).containsKeys("near-duplicate", "aligned-sentences");
        }
    }

    @Test
    void a_descriptor_with_an_unknown_duplicate_setting_is_refused() throws IOException {
        Path model = Files.createDirectories(dir.resolve("odd-model"));
        Files.writeString(model.resolve(ModelDescriptor.FILE_IN_MODEL_DIR), "pooling: cls\nmax-tokens: 384\n"
                + "dedup:\n  fp32: {nearly: 0.9}\n");

        assertThatThrownBy(() -> ModelDescriptor.find("odd-model", model))
                .isInstanceOf(SettingsException.class).hasMessageContaining("dedup.fp32.nearly");
    }

    @Test
    void a_quantized_folder_named_as_a_model_shares_that_models_descriptor() {
        EncoderOptions m = SettingsLoader.load(null, Map.of(), Map.of("model.name", "bge-small-en-v1.5-q")).model();

        assertThat(m.pooling()).isEqualTo(Pooling.CLS);
        assertThat(m.dir()).isEqualTo(Path.of("model-cache", "bge-small-en-v1.5-q"));
    }

    @Test
    void a_model_without_a_descriptor_says_where_to_put_one() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.name", "unknown-model")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("model.name 'unknown-model'")
                .hasMessageContaining(ModelDescriptor.FILE_IN_MODEL_DIR);
    }

    @Test
    void a_descriptor_with_an_unknown_key_or_a_missing_pooling_is_refused() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "pooling: mean\nmax-tokens: 256\nnormalise: true\n");
        Path missing = Files.writeString(dir.resolve("missing.yaml"), "max-tokens: 256\n");

        assertThatThrownBy(() -> ModelDescriptor.read(typo)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown key 'normalise'");
        assertThatThrownBy(() -> ModelDescriptor.read(missing)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("must set 'pooling'");
    }

    @Test
    void the_shipped_descriptors_are_also_in_the_jar_resources_with_the_same_content() throws IOException {
        for (String name : new String[] {"all-minilm-l6-v2", "bge-small-en-v1.5"}) {
            try (var in = ModelDescriptor.class.getResourceAsStream("/models/" + name + ".yaml")) {
                assertThat(in).as(name).isNotNull();
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(Files.readString(ModelDescriptor.CONFIG_DIR.resolve(name + ".yaml")));
            }
        }
    }
}
