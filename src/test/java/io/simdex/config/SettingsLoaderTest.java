package io.simdex.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaults_bind_to_loopback_and_serve_the_bundled_corpus_with_minilm() {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of());
        assertThat(s.server().host()).isEqualTo("127.0.0.1");
        assertThat(s.server().port()).isEqualTo(7070);
        assertThat(s.corpus().path()).isEqualTo("bundled");
        assertThat(s.model().name()).isEqualTo("all-minilm-l6-v2");
        assertThat(s.model().dir()).isEqualTo(Path.of("model-cache", "all-minilm-l6-v2"));
        assertThat(s.model().maxTokens()).isEqualTo(256);
        assertThat(s.model().pooling()).isEqualTo(Settings.Pooling.MEAN);
        assertThat(s.api().maxK()).isEqualTo(100);
        assertThat(s.cache().dir()).isEqualTo(Path.of("model-cache", "vectors"));
    }

    @Test
    void the_shipped_config_file_matches_the_built_in_defaults() {
        Path empty = dir.resolve("empty.yaml");
        Settings builtIn = SettingsLoader.load(writeEmpty(empty), Map.of(), Map.of());
        assertThat(SettingsLoader.load(Path.of("config", "simdex.yaml"), Map.of(), Map.of())).isEqualTo(builtIn);
    }

    @Test
    void the_file_beats_defaults_the_environment_beats_the_file_and_flags_beat_everything() throws IOException {
        Path file = yaml("server:\n  port: 8000\n  host: 0.0.0.0\napi:\n  max-k: 50\nmodel:\n  name: all-minilm-l6-v2-q\n");
        Map<String, String> env = Map.of("SIMDEX_SERVER_PORT", "9000", "SIMDEX_API_MAX_K", "60");
        Settings s = SettingsLoader.load(file, env, Map.of("server.port", "9100"));
        assertThat(s.server().port()).isEqualTo(9100);
        assertThat(s.api().maxK()).isEqualTo(60);
        assertThat(s.server().host()).isEqualTo("0.0.0.0");
        assertThat(s.model().dir()).isEqualTo(Path.of("model-cache", "all-minilm-l6-v2-q"));
    }

    @Test
    void environment_variable_names_follow_the_key() {
        assertThat(SettingsLoader.envName("model.max-tokens")).isEqualTo("SIMDEX_MODEL_MAX_TOKENS");
        assertThat(SettingsLoader.envName("server.port")).isEqualTo("SIMDEX_SERVER_PORT");
    }

    @Test
    void an_unknown_key_is_an_error_that_lists_the_known_ones() throws IOException {
        Path file = yaml("server:\n  prot: 8000\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("server.prot").hasMessageContaining("server.port");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("api.maxk", "5")))
                .hasMessageContaining("api.maxk");
    }

    @Test
    void bad_values_name_the_key_and_the_accepted_range() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("server.port", "seventy")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("server.port").hasMessageContaining("seventy");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("server.port", "70000")))
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.max-tokens", "1024")))
                .hasMessageContaining("model.max-tokens").hasMessageContaining("8..512");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.pooling", "max")))
                .hasMessageContaining("'mean' or 'cls'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("cache.enabled", "maybe")))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("api.max-k", "0")))
                .hasMessageContaining("api.max-k");
    }

    @Test
    void a_named_config_file_that_does_not_exist_is_an_error() {
        assertThatThrownBy(() -> SettingsLoader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void a_config_file_that_is_not_a_mapping_is_an_error() throws IOException {
        Path file = yaml("- just\n- a list\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("mapping");
    }

    private static Path writeEmpty(Path file) {
        try {
            return Files.writeString(file, "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("simdex.yaml");
        Files.writeString(file, text);
        return file;
    }
}
