package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where the tokenizer's native library goes: beside the models, else a temporary folder, an error only if neither. */
class NativeFolderTest {

    @TempDir
    Path dir;

    @Test
    void a_writable_folder_beside_the_models_is_used_and_created() {
        Path preferred = dir.resolve("model-cache/djl");

        assertThat(NativeFolder.choose(preferred, dir.resolve("tmp"))).isEqualTo(preferred);
        assertThat(preferred).isDirectory();
    }

    @Test
    void a_folder_that_cannot_be_created_falls_back_to_a_fresh_temporary_folder() throws IOException {
        // a file where the folder should be: no user, root included, can create a folder under it
        Path blocked = Files.writeString(dir.resolve("model-cache"), "a file").resolve("djl");
        Path temp = Files.createDirectory(dir.resolve("tmp"));

        Path chosen = NativeFolder.choose(blocked, temp);

        assertThat(chosen).isDirectory().hasParent(temp);
        assertThat(chosen.getFileName().toString()).startsWith("simdex-native-");
    }

    @Test
    void when_neither_folder_can_be_written_the_error_names_model_cache_dir() throws IOException {
        Path blocked = Files.writeString(dir.resolve("model-cache"), "a file").resolve("djl");
        Path noTemp = Files.writeString(dir.resolve("tmp"), "a file too");

        assertThatThrownBy(() -> NativeFolder.choose(blocked, noTemp)).isInstanceOf(EncoderException.class)
                .hasMessageContaining("model.cache-dir").hasMessageContaining(noTemp.toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_read_only_folder_that_already_holds_the_unpacked_library_is_used_as_it_is() throws IOException {
        Path preferred = dir.resolve("djl");
        Files.createDirectories(preferred.resolve("tokenizers/0.21.0-cpu"));
        Files.writeString(preferred.resolve("tokenizers/0.21.0-cpu/libtokenizers.so"), "library");
        Files.setPosixFilePermissions(preferred, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root writes anywhere, so the folder is read-only only for other users
            assumeFalse(Files.isWritable(preferred), "running as root: permissions do not apply");

            assertThat(NativeFolder.choose(preferred, dir)).isEqualTo(preferred);
        } finally {
            Files.setPosixFilePermissions(preferred, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
