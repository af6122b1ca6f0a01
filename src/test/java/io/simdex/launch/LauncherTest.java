package io.simdex.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.simdex.config.SettingsException;
import io.simdex.encode.EncoderException;
import io.simdex.store.StoreException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Every failure of a command is one line on stderr; the stack trace only follows with {@code --verbose}. */
class LauncherTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void a_failure_the_user_can_fix_is_one_line_and_exit_code_2() {
        for (RuntimeException fixable : new RuntimeException[] {
            new SettingsException("config file a.yaml, line 3, column 9 is not valid YAML"),
            new EncoderException("model.dir /m: tokenizer.json is damaged", new IllegalStateException("inner")),
            new StoreException("store.path /s is a folder, not a database file")}) {
            err.reset();

            int code = run(() -> {
                throw fixable;
            }, false);

            assertThat(code).isEqualTo(Launcher.USAGE_ERROR);
            assertThat(lines()).containsExactly("simdex: " + fixable.getMessage());
        }
    }

    @Test
    void verbose_adds_the_stack_trace_with_its_causes_after_the_same_line() {
        int code = run(() -> {
            throw new EncoderException("model.dir /m: model.onnx is damaged", new IllegalStateException("inner"));
        }, true);

        assertThat(code).isEqualTo(Launcher.USAGE_ERROR);
        assertThat(lines()[0]).isEqualTo("simdex: model.dir /m: model.onnx is damaged");
        assertThat(text()).contains("\tat ").contains("Caused by: java.lang.IllegalStateException: inner");
    }

    @Test
    void an_unexpected_failure_is_one_line_with_exit_code_1_that_points_to_verbose() {
        int code = run(() -> {
            throw new IllegalStateException("a bug");
        }, false);

        assertThat(code).isEqualTo(Launcher.UNEXPECTED);
        assertThat(lines()).hasSize(1);
        assertThat(lines()[0]).startsWith("simdex: unexpected failure: ").contains("a bug").contains("--verbose");

        err.reset();
        run(() -> {
            throw new IllegalStateException("a bug");
        }, true);
        assertThat(text()).contains("\tat ");
    }

    @Test
    void an_error_thrown_by_a_library_is_caught_too_so_the_command_still_exits() {
        int code = run(() -> {
            throw new AssertionError("Failed to list files");
        }, false);

        assertThat(code).isEqualTo(Launcher.UNEXPECTED);
        assertThat(lines()).hasSize(1);
    }

    @Test
    void a_command_may_name_its_own_fixable_failures() {
        int code = Launcher.run(() -> {
            throw new IllegalArgumentException("--sts FILE has no pairs");
        }, false, new PrintStream(err, true, StandardCharsets.UTF_8), IllegalArgumentException.class);

        assertThat(code).isEqualTo(Launcher.USAGE_ERROR);
        assertThat(lines()).containsExactly("simdex: --sts FILE has no pairs");
    }

    @Test
    void a_command_that_succeeds_prints_nothing_and_returns_its_code() {
        assertThat(run(() -> 0, true)).isZero();
        assertThat(text()).isEmpty();
    }

    private int run(Callable<Integer> body, boolean verbose) {
        return Launcher.run(body, verbose, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String text() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String[] lines() {
        return text().lines().toArray(String[]::new);
    }
}
