package io.simdex;

import io.simdex.config.Settings;
import io.simdex.index.IndexOptions;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AppTest {

    @Test
    void index_settings_become_the_index_options() {
        IndexOptions int8 = App.indexOptions(new Settings.Index(3, Settings.Storage.INT8, 7, Path.of("spill")));
        assertThat(int8).isEqualTo(new IndexOptions(3, IndexOptions.Storage.INT8, 7, Path.of("spill")));
        IndexOptions auto = App.indexOptions(new Settings.Index(0, Settings.Storage.FLOAT32, 4, Path.of("t")));
        assertThat(auto.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(auto.storage()).isEqualTo(IndexOptions.Storage.FLOAT32);
    }
}
