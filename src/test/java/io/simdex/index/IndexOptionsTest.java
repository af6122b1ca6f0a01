package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.index.IndexOptions.Storage;

import java.nio.file.Path;

class IndexOptionsTest {

    @Test
    void defaults_use_every_processor_float32_and_the_temp_dir() {
        IndexOptions defaults = IndexOptions.defaults();

        assertThat(defaults.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.storage()).isEqualTo(Storage.FLOAT32);
        assertThat(defaults.oversample()).isEqualTo(IndexOptions.DEFAULT_OVERSAMPLE);
        assertThat(defaults.spillDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void withers_change_one_option() {
        IndexOptions options = IndexOptions.defaults().withThreads(3).withStorage(Storage.INT8).withOversample(7)
                .withSpillDir(Path.of("/data/spill"));

        assertThat(options).isEqualTo(new IndexOptions(3, Storage.INT8, 7, Path.of("/data/spill")));
    }

    @ParameterizedTest(name = "threads = {0}")
    @ValueSource(ints = {0, -1, 1025})
    void threads_outside_one_to_1024_are_rejected(int threads) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IndexOptions.defaults().withThreads(threads))
                .withMessage("threads must be 1..1024, got " + threads);
    }

    @ParameterizedTest(name = "oversample = {0}")
    @ValueSource(ints = {0, -3, 1001})
    void oversample_outside_one_to_1000_is_rejected(int oversample) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IndexOptions.defaults().withOversample(oversample))
                .withMessage("oversample must be 1..1000, got " + oversample);
    }

    @Test
    void storage_and_spill_dir_are_required() {
        assertThatNullPointerException().isThrownBy(() -> IndexOptions.defaults().withStorage(null))
                .withMessage("storage");
        assertThatNullPointerException().isThrownBy(() -> IndexOptions.defaults().withSpillDir(null))
                .withMessage("spill-dir");
    }
}
