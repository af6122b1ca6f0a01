package io.simdex.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A {@code store.path} SQLite cannot use is refused in one line that names {@code store.path}, before SQLite. */
class StoreLocationTest {

    @TempDir
    Path dir;

    @Test
    void a_folder_given_as_the_database_file_is_named_as_such() {
        assertThatThrownBy(() -> PaperStore.open(new StoreOptions(dir, StoreOptions.Sync.FULL)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("store.path " + dir + " is a folder, not a database file")
                .hasMessageContaining(dir.resolve("simdex.db").toString());
    }

    @Test
    void a_file_in_the_way_of_its_folder_is_named() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "not a folder");
        Path path = file.resolve("simdex.db");

        assertThatThrownBy(() -> PaperStore.open(new StoreOptions(path, StoreOptions.Sync.FULL)))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("store.path " + path)
                .hasMessageContaining(file + " is a file").hasMessageNotContaining("Exception");
    }

    @Test
    void a_read_only_folder_is_named_before_sqlite_fails_in_its_own_words() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root writes anywhere, so the folder is read-only only for other users
            assumeFalse(Files.isWritable(folder), "running as root: permissions do not apply");
            Path path = folder.resolve("simdex.db");

            assertThatThrownBy(() -> PaperStore.open(new StoreOptions(path, StoreOptions.Sync.FULL)))
                    .hasMessageStartingWith("store.path " + path + ": this user may not write in its folder")
                    .hasMessageNotContaining("SQLITE");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
