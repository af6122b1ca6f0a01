package io.simdex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import io.simdex.Main;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

class ExportCommandTest {

    @Test
    void export_writes_jsonl_that_reads_back_to_the_same_papers(@TempDir Path dir) throws IOException {
        // given a CSV corpus with metadata and a paper without a title
        Path csv = Files.writeString(dir.resolve("mine.csv"), "id,title,abstract,year\n"
                + "p1,\"Adam, a method\",We introduce Adam.,2014\n7,,An untitled abstract.,\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("export.jsonl");

        // when
        int exit = new CommandLine(new Main()).execute("export", "--corpus", csv.toString(), "--out", out.toString());

        // then
        assertThat(exit).isZero();
        Corpus exported = CorpusLoader.load(out);
        assertThat(exported.problems()).isEmpty();
        assertThat(exported.papers()).extracting(Paper::id, Paper::title, Paper::abstractText, Paper::metadata)
                .containsExactly(tuple("7", "", "An untitled abstract.", Map.of()),
                        tuple("p1", "Adam, a method", "We introduce Adam.", Map.of("year", "2014")));
    }

    @Test
    void a_missing_corpus_is_a_usage_error(@TempDir Path dir) {
        int exit = new CommandLine(new Main()).execute("export", "--corpus", dir.resolve("nope.csv").toString());

        assertThat(exit).isEqualTo(2);
    }
}
