package io.simdex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simdex serve} run in-process on broken settings, store and model folders: each start-up error is one line
 * that names the setting, exit code 2, and a stack trace only with {@code --verbose}.
 */
class StartupErrorsTest {

    @TempDir
    Path dir;

    @Test
    void a_config_file_with_a_syntax_error_names_the_file_and_the_line() throws IOException {
        Path config = Files.writeString(dir.resolve("simdex.yaml"), "server:\n  port: 7070\n  host: [oops\n");

        Run run = serve("--config", config.toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("simdex: config file " + config + ", line ").contains("is not valid YAML");
    }

    @Test
    void an_elasticsearch_cluster_that_does_not_answer_is_named_in_one_line_before_the_model_loads() {
        Run run = serve("--set", "store.backend=elasticsearch", "--set", "elasticsearch.url=http://127.0.0.1:9");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("simdex: cannot reach Elasticsearch at http://127.0.0.1:9 (")
                .endsWith("start the cluster or fix elasticsearch.url");
    }

    @Test
    void the_elasticsearch_backend_without_a_url_says_which_setting_is_missing() {
        Run run = serve("--set", "store.backend=elasticsearch");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("simdex: store.backend is elasticsearch, so elasticsearch.url must name the cluster");
    }

    @Test
    void a_store_path_that_is_a_folder_names_store_path() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("data"));

        Run run = serve("--set", "store.path=" + folder);

        assertThat(run.code).isEqualTo(2);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("simdex: store.path " + folder + " is a folder");
    }

    @Test
    void a_model_folder_that_does_not_exist_names_model_dir_and_the_store_is_left_usable() {
        Path missing = dir.resolve("models/all-minilm-l6-v2");

        Run run = serve("--set", "store.path=" + dir.resolve("simdex.db"), "--set", "model.dir=" + missing);

        assertThat(run.code).isEqualTo(2);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("simdex: model.dir " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void verbose_prints_the_same_line_and_then_the_stack_trace() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("data"));

        Run quiet = serve("--set", "store.path=" + folder);
        Run verbose = serve("--verbose", "--set", "store.path=" + folder);

        assertThat(quiet.err).doesNotContain("\tat ");
        assertThat(verbose.code).isEqualTo(2);
        assertThat(verbose.lines().get(0)).isEqualTo(quiet.lines().get(0));
        assertThat(verbose.err).contains("\tat io.simdex.");
    }

    /** Runs {@code simdex serve ARGS} on a free port with this test's stderr, logging left out of it. */
    private Run serve(String... args) {
        var all = new ArrayList<>(List.of("serve", "--port", "0"));
        all.addAll(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("store.path="))) {
            all.addAll(List.of("--set", "store.path=" + dir.resolve("simdex.db")));
        }
        var captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Main()).execute(all.toArray(String[]::new));
        } finally {
            System.setErr(stderr);
        }
        return new Run(code, captured.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String err) {
        /** The lines simdex itself wrote, without log lines (which carry a time stamp and a level). */
        List<String> lines() {
            return err.lines().filter(line -> !line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d+ \\[[A-Z]+\\] .*")).toList();
        }
    }
}
