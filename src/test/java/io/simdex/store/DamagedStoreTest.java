package io.simdex.store;

import static io.simdex.store.TestStores.MINILM;
import static io.simdex.store.TestStores.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.corpus.Paper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;

class DamagedStoreTest {

    @TempDir
    Path dir;

    @Test
    void a_sound_store_passes_its_check() {
        try (PaperStore store = TestStores.open(dir.resolve("ok.db"))) {
            fill(store, 50);
            store.quickCheck();
        }
    }

    @Test
    void garbage_over_the_middle_of_the_file_is_refused_in_one_line_and_the_file_kept() throws IOException {
        // given: a real store, closed (so everything is in the main file), with one page in its middle overwritten
        Path file = dir.resolve("simdex.db");
        try (PaperStore store = TestStores.open(file)) {
            fill(store, 2_000);
        }
        byte[] bytes = Files.readAllBytes(file);
        int page = 4096;
        int middle = bytes.length / 2 / page * page;
        byte[] garbage = new byte[page];
        new Random(7).nextBytes(garbage);
        System.arraycopy(garbage, 0, bytes, middle, page);
        Files.write(file, bytes);
        // when / then
        assertThatThrownBy(() -> TestStores.open(file))
                .isInstanceOfSatisfying(DamagedStoreException.class, e -> assertThat(e.file()).isEqualTo(file))
                .message()
                .startsWith(file + " is damaged (")
                .endsWith("; the file was left as it is: restore a snapshot with `simdex restore`")
                .doesNotContain("\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void a_file_that_is_not_a_database_is_refused_in_one_line_and_kept() throws IOException {
        Path file = dir.resolve("papers.jsonl");
        String text = "{\"title\": \"Adam\", \"abstract\": \"We introduce Adam.\"}\n".repeat(200);
        Files.writeString(file, text);

        assertThatThrownBy(() -> TestStores.open(file))
                .isInstanceOf(DamagedStoreException.class)
                .hasMessage(file + " is not a SQLite database, or its header is damaged; the file was left as it is:"
                        + " restore a snapshot with `simdex restore`");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(dir.resolve("papers.jsonl-wal")).doesNotExist();
    }

    /** Papers with abstracts of a few hundred bytes and small vectors, committed in batches of 100. */
    static void fill(PaperStore store, int count) {
        var batch = new ArrayList<PaperWrite>();
        for (int i = 0; i < count; i++) {
            Paper paper = paper(String.format("p-%05d", i), "Paper " + i,
                    ("Abstract " + i + " about a subject of some length. ").repeat(8));
            batch.add(PaperWrite.of(paper, TestStores.embedding(MINILM, paper, i)));
            if (batch.size() == 100) {
                store.putAll(batch);
                batch.clear();
            }
        }
        store.putAll(batch);
    }
}
