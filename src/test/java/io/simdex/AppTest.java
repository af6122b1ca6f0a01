package io.simdex;

import io.simdex.config.Settings;
import io.simdex.config.SettingsLoader;
import io.simdex.index.IndexOptions;
import io.simdex.search.DedupOptions;
import io.simdex.search.DuplicateBands;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

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

    @Test
    void dedup_settings_become_the_dedup_options_and_the_defaults_agree() {
        var custom = App.dedupOptions(new Settings.Dedup(0.99f, 0.9f, 0.5f, 0.4f, 7, 1_000));
        assertThat(custom).isEqualTo(new DedupOptions(new DuplicateBands(0.99f, 0.9f, 0.5f, 0.4f), 7, 1_000));

        Settings shipped = SettingsLoader.load(null, Map.of(), Map.of()); // config/simdex.yaml, equal to the built-ins
        assertThat(App.dedupOptions(shipped.dedup())).isEqualTo(DedupOptions.defaults());
    }

    @Test
    void search_settings_become_the_search_options_and_the_defaults_agree() {
        assertThat(App.searchOptions(new Settings.Search(SearchMode.LEXICAL, 7, 30)))
                .isEqualTo(new SearchOptions(SearchMode.LEXICAL, 7, 30));

        Settings shipped = SettingsLoader.load(null, Map.of(), Map.of());
        assertThat(App.searchOptions(shipped.search())).isEqualTo(SearchOptions.defaults());
        assertThat(SearchOptions.defaults().defaultMode()).isEqualTo(SearchMode.HYBRID);
    }
}
