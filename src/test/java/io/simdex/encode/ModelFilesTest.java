package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A model folder's problems, each one line naming {@code model.dir} and the fix, before the runtime sees them. */
class ModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void a_folder_with_both_files_passes() throws IOException {
        assertThatCode(() -> ModelFiles.check(modelFolder())).doesNotThrowAnyException();
    }

    @Test
    void a_missing_folder_is_called_missing_and_names_the_settings_that_chose_it() {
        assertThatThrownBy(() -> ModelFiles.check(dir.resolve("no-such-model")))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("model.dir " + dir.resolve("no-such-model") + " does not exist")
                .hasMessageContaining("model.cache-dir/model.name").hasMessageContaining("mvn package");
    }

    @Test
    void a_file_given_as_the_folder_says_so() throws IOException {
        Path file = Files.writeString(dir.resolve("model.onnx"), "x");

        assertThatThrownBy(() -> ModelFiles.check(file)).hasMessageContaining("model.dir " + file + " is a file");
    }

    @Test
    void a_missing_file_or_a_folder_in_its_place_is_named() throws IOException {
        Path model = modelFolder();
        Files.delete(model.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelFiles.check(model)).hasMessageContaining("has no tokenizer.json");

        Files.createDirectory(model.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelFiles.check(model))
                .hasMessageContaining("tokenizer.json is a folder, not a file");
    }

    @Test
    void an_unreadable_folder_or_file_is_called_unreadable_not_missing() throws IOException {
        Path model = modelFolder();
        Path onnx = model.resolve("model.onnx");
        Files.setPosixFilePermissions(onnx, PosixFilePermissions.fromString("---------"));
        try {
            // Root reads any file whatever its permissions, so the check cannot fail when the tests run as root;
            // these lines were also reproduced by hand as an unprivileged user.
            assumeFalse(Files.isReadable(onnx), "running as root: permissions do not apply");

            assertThatThrownBy(() -> ModelFiles.check(model))
                    .hasMessageContaining("this user may not read model.onnx").hasMessageContaining("chmod a+r")
                    .hasMessageNotContaining("has no").hasMessageNotContaining("does not exist");

            Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("-wx------"));
            assertThatThrownBy(() -> ModelFiles.check(model))
                    .hasMessageContaining("this user may not read the folder").hasMessageNotContaining("does not exist");
        } finally {
            Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(onnx, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void a_damaged_tokenizer_file_says_where_its_json_stops_in_simdex_words() {
        Path tokenizer = dir.resolve("tokenizer.json");

        var truncated = ModelFiles.badTokenizer(tokenizer,
                new RuntimeException("EOF while parsing a value at line 4598 column 5"));
        var wrong = ModelFiles.badTokenizer(tokenizer, new RuntimeException("expected `,` or `}` at line 1 column 9"));
        var other = ModelFiles.badTokenizer(tokenizer, new RuntimeException("data did not match any variant"));

        assertThat(truncated).hasMessageStartingWith("model.dir " + dir + ": tokenizer.json is damaged")
                .hasMessageContaining("(it ends early, at line 4598, column 5)").hasMessageNotContaining("EOF");
        assertThat(wrong).hasMessageContaining("(it goes wrong at line 1, column 9)");
        assertThat(other).hasMessageContaining("not a HuggingFace tokenizer file:").hasMessageNotContaining("variant");
        assertThat(truncated).hasCauseInstanceOf(RuntimeException.class);
    }

    @Test
    void a_damaged_model_file_gets_its_size_and_no_runtime_wording() throws IOException {
        Path onnx = Files.write(dir.resolve("model.onnx"), new byte[1234]);

        var e = ModelFiles.badModel(onnx, new IOException("ONNX Model cannot be loaded"));

        assertThat(e).hasMessageStartingWith("model.dir " + dir + ": model.onnx (1234 bytes) is damaged")
                .hasMessageNotContaining("ONNX Model cannot be loaded").hasMessageContaining("mvn package");
    }

    @Test
    void every_message_is_one_line() throws IOException {
        Path onnx = Files.write(dir.resolve("model.onnx"), new byte[1]);
        for (var e : new EncoderException[] {
            ModelFiles.badModel(onnx, new IOException("x\ny")),
            ModelFiles.badTokenizer(onnx, new RuntimeException("a\nb at line 1 column 2")),
            ModelFiles.notAnEncoder(onnx, new IllegalStateException("p\nq")),
            ModelFiles.runtimeUnavailable(new UnsatisfiedLinkError("r\ns"))}) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    private Path modelFolder() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.write(model.resolve("model.onnx"), new byte[] {1, 2, 3});
        Files.writeString(model.resolve("tokenizer.json"), "{}");
        return model;
    }
}
