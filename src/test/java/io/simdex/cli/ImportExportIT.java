package io.simdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import io.simdex.Main;
import io.simdex.TestModels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/** {@code simdex import}, {@code export}, {@code snapshot} and {@code restore} on the real model. */
class ImportExportIT {

    @Test
    void export_writes_what_import_reads_back_to_the_same_collection(@TempDir Path dir) throws IOException {
        // given a CSV with metadata, an untitled paper, and a BEIR corpus.jsonl.gz with numeric ids
        Path csv = Files.writeString(dir.resolve("mine.csv"), "id,title,abstract,year\n"
                + "p1,\"Adam, a method\",We introduce Adam for stochastic optimization.,2014\n"
                + "7,,An untitled abstract about protein folding.,\n", StandardCharsets.UTF_8);
        Path beir = Files.createDirectories(dir.resolve("beir"));
        try (var gzip = new GZIPOutputStream(Files.newOutputStream(beir.resolve("corpus.jsonl.gz")))) {
            gzip.write(("{\"_id\": 4983, \"title\": \"Summary\", \"text\": \"White matter in newborns.\", \"metadata\":"
                    + " {}}\n{\"_id\": 5836, \"title\": \"Summary\", \"text\": \"Cancer screening trials.\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(beir.resolve("queries.jsonl"), "{\"_id\": \"1\", \"text\": \"a claim\"}\n");

        // when imported, exported, imported into a second store and exported again
        assertThat(run(dir, "first.db", "import", csv.toString(), beir.toString())).isZero();
        Path first = dir.resolve("first.jsonl");
        assertThat(run(dir, "first.db", "export", "--out", first.toString())).isZero();
        assertThat(run(dir, "second.db", "import", first.toString())).isZero();
        Path second = dir.resolve("second.jsonl");
        assertThat(run(dir, "second.db", "export", "--out", second.toString())).isZero();

        // then: four papers (the two "Summary" papers have distinct ids and stay two), and the same both times
        List<String> lines = Files.readAllLines(first);
        assertThat(lines).hasSize(4);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"id\":\"4983\"", "\"title\":\"Summary\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"id\":\"7\"", "\"title\":\"\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"id\":\"p1\"", "\"year\":\"2014\""));
        assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
    }

    @Test
    void a_snapshot_restores_the_collection_as_it_was(@TempDir Path dir) throws IOException {
        Path jsonl = Files.writeString(dir.resolve("a.jsonl"),
                "{\"id\": \"a\", \"title\": \"A\", \"abstract\": \"First paper.\"}\n");
        assertThat(run(dir, "live.db", "import", jsonl.toString())).isZero();
        assertThat(run(dir, "live.db", "snapshot", dir.resolve("snap.db").toString())).isZero();
        Path more = Files.writeString(dir.resolve("b.jsonl"),
                "{\"id\": \"b\", \"title\": \"B\", \"abstract\": \"Second paper.\"}\n");
        assertThat(run(dir, "live.db", "import", more.toString())).isZero();

        assertThat(run(dir, "live.db", "restore", dir.resolve("snap.db").toString())).isZero();

        Path out = dir.resolve("after.jsonl");
        assertThat(run(dir, "live.db", "export", "--out", out.toString())).isZero();
        assertThat(Files.readAllLines(out)).hasSize(1).first().asString().contains("\"id\":\"a\"");
        Files.writeString(dir.resolve("snap.db.sha256"), "0".repeat(64) + "  snap.db\n");
        assertThat(run(dir, "live.db", "restore", dir.resolve("snap.db").toString()))
                .as("a snapshot whose checksum does not match is refused").isEqualTo(2);
    }

    @Test
    void an_import_killed_midway_resumes_and_loses_nothing_it_committed(@TempDir Path dir) throws Exception {
        // given 1,200 papers: a few batches' worth of encoding
        var lines = new ArrayList<String>();
        for (int i = 0; i < 1_200; i++) {
            lines.add("{\"id\": \"p" + i + "\", \"title\": \"Paper " + i + "\", \"abstract\": \"We study topic " + i
                    + " with a method of our own and report results on " + (i % 17) + " benchmarks.\"}");
        }
        Path file = Files.write(dir.resolve("many.jsonl"), lines);
        Path log = dir.resolve("import.log");
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", "target/simdex.jar", "import", file.toString(),
                "--set", "store.path=" + dir.resolve("resume.db"),
                "--set", "model.cache-dir=" + TestModels.MODEL_CACHE.toAbsolutePath());
        Process importer = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();

        // when it is killed after its first committed batch
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log).contains("256/1200") && System.nanoTime() < deadline) {
            assertThat(importer.isAlive()).as("the import ended before it could be killed").isTrue();
            Thread.sleep(100);
        }
        importer.destroyForcibly();
        importer.waitFor(30, TimeUnit.SECONDS);

        // then running it again finds what was committed, encodes only the rest, and ends with every paper
        Process again = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("again.log").toFile()).start();
        assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String summary = Files.readString(dir.resolve("again.log"));
        assertThat(again.exitValue()).as(summary).isZero();
        assertThat(summary).contains("1200 papers").contains("holds 1200 papers");
        assertThat(summary).containsPattern("\\((\\d+) new, 0 changed, ([1-9]\\d*) already stored\\)");
    }

    /** Runs a command in this JVM against a store in {@code dir}; the exit code. */
    private static int run(Path dir, String store, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "store.path=" + dir.resolve(store),
                "--set", "model.cache-dir=" + TestModels.MODEL_CACHE));
        return new CommandLine(new Main()).execute(all.toArray(new String[0]));
    }
}
