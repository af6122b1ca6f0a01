package io.simdex.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.store.StoreOptions.Sync;

import java.nio.file.Path;

class StoreOptionsTest {

    @Test
    void the_defaults_are_data_simdex_db_synced_fully() {
        assertThat(StoreOptions.defaults()).isEqualTo(new StoreOptions(Path.of("data/simdex.db"), Sync.FULL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "FULL", " Full "})
    void sync_is_read_whatever_its_case(String value) {
        assertThat(Sync.parse(value)).isEqualTo(Sync.FULL);
        assertThat(Sync.parse("normal")).isEqualTo(Sync.NORMAL);
    }

    @Test
    void an_unknown_sync_names_the_key_and_the_values() {
        assertThatThrownBy(() -> Sync.parse("x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sync must be 'full' or 'normal', got 'x'");
        assertThatThrownBy(() -> Sync.parse(null)).hasMessage("sync must be 'full' or 'normal', got 'null'");
        assertThatThrownBy(() -> new StoreOptions(Path.of("a.db"), null))
                .hasMessage("sync must be 'full' or 'normal', got nothing");
    }

    @Test
    void a_missing_or_empty_path_names_the_key() {
        assertThatThrownBy(() -> new StoreOptions(null, Sync.FULL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path must name a database file, got ''");
        assertThatThrownBy(() -> StoreOptions.defaults().withPath(Path.of("")))
                .hasMessage("path must name a database file, got ''");
    }

    @Test
    void withers_change_one_setting() {
        assertThat(StoreOptions.defaults().withSync(Sync.NORMAL).withPath(Path.of("x.db")))
                .isEqualTo(new StoreOptions(Path.of("x.db"), Sync.NORMAL));
    }
}
