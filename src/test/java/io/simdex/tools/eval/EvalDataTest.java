package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Reading BEIR folders and STS files, including the quirks of the real files. */
class EvalDataTest {

    @TempDir
    Path dir;

    @Test
    void a_beir_folder_with_a_gzipped_corpus_reads_documents_judged_queries_and_qrels() throws IOException {
        Path set = Files.createDirectories(dir.resolve("scifact").resolve("beir_test"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(set.resolve("corpus.jsonl.gz")))) {
            out.write(("{\"_id\": \"d1\", \"title\": \"Cells\", \"text\": \"Cells divide.\"}\n"
                    + "{\"_id\": \"d2\", \"title\": \"\", \"text\": \"No title here.\", \"metadata\": {}}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(set.resolve("queries.jsonl"),
                "{\"_id\": \"1\", \"text\": \"do cells divide?\"}\n{\"_id\": \"2\", \"text\": \"unjudged\"}\n");
        Files.createDirectories(set.resolve("qrels"));
        Files.writeString(set.resolve("qrels").resolve("test.tsv"), "query-id\tcorpus-id\tscore\n1\td1\t1\n");

        BeirDataset data = BeirDataset.read(set, "test");

        assertThat(data.name()).isEqualTo("scifact");
        assertThat(data.documents()).extracting(BeirDataset.Document::fullText)
                .containsExactly("Cells Cells divide.", "No title here.");
        assertThat(data.queries()).extracting(BeirDataset.Query::id).containsExactly("1");
        assertThat(data.qrels()).isEqualTo(Map.of("1", Map.of("d1", 1)));
    }

    @Test
    void a_beir_folder_missing_its_qrels_says_which_file_and_what_a_folder_holds() throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"x\"}\n");
        Files.writeString(dir.resolve("queries.jsonl"), "");

        assertThatThrownBy(() -> BeirDataset.read(dir, "test")).isInstanceOf(EvalDataException.class)
                .hasMessageContaining("test.tsv is missing").hasMessageContaining("queries.jsonl");
    }

    @Test
    void a_broken_json_line_is_named_by_file_and_line() throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"x\"}\n{oops\n");
        Files.writeString(dir.resolve("queries.jsonl"), "");
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels").resolve("test.tsv"), "query-id\tcorpus-id\tscore\n");

        assertThatThrownBy(() -> BeirDataset.read(dir, "test")).isInstanceOf(EvalDataException.class)
                .hasMessageContaining("corpus.jsonl:2");
    }

    @Test
    void sts_lines_split_on_tabs_only_keep_quotes_and_ignore_extra_columns() throws IOException {
        Path file = dir.resolve("sts.csv");
        Files.writeString(file, "main-news\tfile\t2012\t0001\t4.200\t\"Quoted,\" he said.\tHe said it.\textra\tcols\n"
                + "main-forums\tfile\t2013\t0002\t0.5\tA, b\tC\n"
                + "main-forums\tfile\t2013\t0003\t1.5\tthird\tpair\n");

        var pairs = StsPairs.read(file, 2);

        assertThat(pairs).containsExactly(new StsPairs.Pair(4.2, "\"Quoted,\" he said.", "He said it."),
                new StsPairs.Pair(0.5, "A, b", "C"));
        assertThat(StsPairs.read(file, 0)).hasSize(3);
    }

    @Test
    void an_sts_line_with_too_few_columns_or_a_bad_score_is_named() throws IOException {
        Path short_ = dir.resolve("short.csv");
        Files.writeString(short_, "a\tb\tc\n");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "g\tf\t2012\t1\tfive\ts1\ts2\n");

        assertThatThrownBy(() -> StsPairs.read(short_, 0)).isInstanceOf(EvalDataException.class)
                .hasMessageContaining("short.csv:1").hasMessageContaining("7 tab-separated columns");
        assertThatThrownBy(() -> StsPairs.read(bad, 0)).isInstanceOf(EvalDataException.class)
                .hasMessageContaining("'five' is not a number");
    }
}
