package io.simdex.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.dedup.DedupOptions;
import io.simdex.encode.CpuFeatures;
import io.simdex.http.HttpOptions;
import io.simdex.index.IndexOptions;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Each default lives once in code (the stages' options records); the shipped config file must agree with it. */
class ShippedSettingsTest {

    @Test
    void the_shipped_config_file_says_what_the_built_in_defaults_are(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");

        Settings builtIn = SettingsLoader.load(empty, Map.of(), Map.of());
        Settings shipped = SettingsLoader.load(Path.of("config", "simdex.yaml"), Map.of(), Map.of());

        assertThat(shipped).isEqualTo(builtIn);
    }

    @Test
    void each_section_is_its_stage_s_own_defaults() {
        // the duplicate bands' built-in defaults are all-MiniLM-L6-v2's fp32 ones: what auto runs without fast int8
        var withoutFastInt8 = new CpuFeatures("amd64", Set.of("avx2", "fma"), "test");
        Settings shipped = SettingsLoader.load(Path.of("config", "simdex.yaml"), Map.of(), Map.of(), withoutFastInt8);

        assertThat(shipped.search()).isEqualTo(SearchOptions.defaults());
        assertThat(shipped.search().defaultMode()).isEqualTo(SearchMode.HYBRID);
        assertThat(shipped.dedup()).isEqualTo(DedupOptions.defaults());
        assertThat(shipped.api()).isEqualTo(HttpOptions.defaults());
        assertThat(shipped.index()).isEqualTo(IndexOptions.defaults());
    }

    @Test
    void a_bad_value_is_named_by_its_full_key() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(),
                        Map.of("dedup.related", "0.99")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("dedup.thresholds must satisfy 0 < related < near-duplicate < duplicate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(),
                        Map.of("model.bulk-threads-per-worker", "0")))
                .isInstanceOf(SettingsException.class).hasMessage("model.bulk-threads-per-worker must be 1..64, got 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(),
                        Map.of("api.max-k", "0")))
                .isInstanceOf(SettingsException.class).hasMessage("api.max-k must be 1..10000, got 0");
    }
}
