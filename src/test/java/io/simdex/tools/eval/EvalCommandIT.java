package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import io.simdex.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code simdex eval} end to end with the real model, on small files, and its answers to bad input. */
class EvalCommandIT {

    @TempDir
    Path dir;

    @Test
    void a_small_beir_folder_and_sts_file_give_a_row_per_mode_as_json_and_the_second_run_reads_the_cache()
            throws IOException {
        Path beir = tinyBeir();
        Path sts = dir.resolve("sts.tsv");
        Files.write(sts, Files.readAllLines(Path.of("src", "test", "resources", "eval", "stsb", "sts-test.csv"))
                .subList(0, 40));

        JsonNode first = json(run("eval", "--beir", beir.toString(), "--sts", sts.toString(), "--json"));
        JsonNode second = json(run("eval", "--beir", beir.toString(), "--modes", "vector", "--json"));

        assertThat(first.get("model").asText()).isEqualTo("all-minilm-l6-v2");
        assertThat(first.get("retrieval")).extracting(r -> r.get("mode").asText())
                .containsExactly("vector", "lexical", "hybrid");
        for (JsonNode row : first.get("retrieval")) {
            assertThat(row.get("ndcg10").asDouble()).as(row.get("mode").asText()).isEqualTo(1.0);
        }
        assertThat(first.at("/retrieval/0/encoding/from_cache").asBoolean()).isFalse();
        assertThat(first.at("/sts/0/pairs").asInt()).isEqualTo(40);
        assertThat(first.at("/sts/0/spearman").asDouble()).isGreaterThan(0.8);
        assertThat(first.at("/sts/0/published").isNull()).as("no published figure for a subset").isTrue();
        assertThat(second.at("/retrieval/0/encoding/from_cache").asBoolean()).isTrue();
        assertThat(second.at("/retrieval/0/ndcg10").asDouble()).isEqualTo(1.0);
    }

    @Test
    void judged_related_papers_are_scored_over_the_corpus_papers() throws IOException {
        // two papers of one bundled page that say the same thing: each is the other's nearest paper
        String sat = "online-estimation-of-sat-solving-runtime";
        String twin = "online-search-cost-estimation-for-sat-solvers";
        Path judged = dir.resolve("judged.tsv");
        Files.writeString(judged, "# one query\nquery_id\tdoc_id\tgrade\n" + sat + "\t" + twin + "\t2\n");

        JsonNode report = json(run("eval", "--judged", judged.toString(), "--modes", "vector,hybrid", "--corpus",
                Path.of("src", "main", "resources", "corpus", "004_d8b1173cf7dd4b76.txt").toString(),
                "--set", "cache.enabled=false", "--set", "search.related-title-weight=0.75", "--json"));

        for (int i = 0; i < 2; i++) {
            JsonNode row = report.at("/judged/" + i);
            assertThat(row.get("mode").asText()).isEqualTo(i == 0 ? "vector" : "hybrid");
            assertThat(row.get("queries").asInt()).isEqualTo(1);
            assertThat(row.get("ndcg10").asDouble()).as(row.get("mode").asText()).isEqualTo(1.0);
            assertThat(row.get("wanted5").asDouble()).isEqualTo(0.2);
            assertThat(row.get("precision5").asDouble()).isEqualTo(0.2);
        }
        // the hybrid row fused the title's ranking with the weight asked for, and the report says so
        assertThat(report.get("fusion").asText()).contains("related: rrf (k 60, words weight 1.0, title weight 0.75)");
    }

    @Test
    void the_table_names_the_model_the_precision_it_resolved_and_each_mode() throws IOException {
        String table = run("eval", "--beir", tinyBeir().toString(), "--modes", "lexical", "--precision", "fp32");
        String auto = run("eval", "--beir", tinyBeir().toString(), "--modes", "lexical");

        assertThat(auto).as("the default, auto, says what it chose on this CPU and why")
                .containsPattern("^model all-minilm-l6-v2 (fp32|int8) \\(auto: .+\\), 256 tokens");
        assertThat(table).startsWith("model all-minilm-l6-v2 fp32 (set to fp32), 256 tokens, long texts: truncate")
                .contains("nDCG@10").containsPattern("tiny\\s+lexical\\s+3\\s+2\\s+1\\.0000");
    }

    @Test
    void bad_input_gets_one_line_and_exit_code_2() {
        var err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(execute("eval")).isEqualTo(2);
            assertThat(execute("eval", "--sts", dir.resolve("missing.tsv").toString())).isEqualTo(2);
            assertThat(execute("eval", "--beir", dir.toString())).isEqualTo(2);
            assertThat(execute("eval", "--title-abstract", "--modes", "semantic")).isEqualTo(2);
            assertThat(execute("eval", "--sts", "x", "--sts-limit", "-1")).isEqualTo(2);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("choose at least one of --beir DIR, --sts FILE, --title-abstract")
                .contains("missing.tsv is missing")
                .contains("corpus.jsonl.gz is missing")
                .contains("--modes takes vector, lexical, hybrid, got 'semantic'")
                .contains("--sts-limit must be 0 (all) or more");
    }

    /** Three documents on unrelated topics and two queries, each answered by one document. */
    private Path tinyBeir() throws IOException {
        Path set = Files.createDirectories(dir.resolve("tiny"));
        Files.writeString(set.resolve("corpus.jsonl"), String.join("\n",
                "{\"_id\": \"d1\", \"title\": \"Protein folding\", \"text\": \"Deep networks predict the folded structure of proteins from their amino acid sequence.\"}",
                "{\"_id\": \"d2\", \"title\": \"Galaxy rotation\", \"text\": \"Rotation curves of spiral galaxies suggest dark matter halos.\"}",
                "{\"_id\": \"d3\", \"title\": \"Speech recognition\", \"text\": \"Noise robust acoustic models improve speech recognition accuracy.\"}") + "\n");
        Files.writeString(set.resolve("queries.jsonl"),
                "{\"_id\": \"q1\", \"text\": \"predicting protein structure\"}\n"
                        + "{\"_id\": \"q2\", \"text\": \"dark matter in spiral galaxies\"}\n");
        Files.createDirectories(set.resolve("qrels"));
        Files.writeString(set.resolve("qrels").resolve("test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");
        return set;
    }

    private String run(String... args) {
        var out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            assertThat(execute(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private int execute(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "model.cache-dir=" + io.simdex.TestModels.MODEL_CACHE,
                "--set", "cache.dir=" + dir.resolve("vectors")));
        return new CommandLine(new Main()).execute(all.toArray(String[]::new));
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }
}
