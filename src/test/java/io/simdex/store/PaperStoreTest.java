package io.simdex.store;

import static io.simdex.store.TestStores.BGE;
import static io.simdex.store.TestStores.MINILM;
import static io.simdex.store.TestStores.embedding;
import static io.simdex.store.TestStores.paper;
import static io.simdex.store.TestStores.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Source;
import io.simdex.store.WriteResult.Outcome;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class PaperStoreTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00.123456Z");

    @TempDir
    Path dir;

    private final TestStores.ManualClock clock = new TestStores.ManualClock(START);
    private PaperStore store;

    @BeforeEach
    void openStore() {
        store = PaperStore.open(new StoreOptions(dir.resolve("simdex.db"), StoreOptions.Sync.FULL), clock,
                Schema.MIGRATIONS);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- papers

    @Test
    void a_paper_reads_back_with_its_metadata_as_it_was_written() throws Exception {
        // given
        var venue = new LinkedHashMap<String, Object>();
        venue.put("name", "ICML");
        venue.put("acceptance", new BigDecimal("0.250"));
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("year", 2024L);
        metadata.put("score", new BigDecimal("0.10"));
        metadata.put("huge", new BigInteger("123456789012345678901234567890"));
        metadata.put("tiny", new BigDecimal("1E-400"));
        metadata.put("doi", null);
        metadata.put("open", true);
        metadata.put("authors", List.of("Ada", "Alan"));
        metadata.put("venue", venue);
        metadata.put("aaa-last", "keys keep their order, not the alphabet's");
        var paper = new Paper("p-1", "Adam", "We introduce Adam.",
                List.of(new Source("a.jsonl", 3), new Source("b.jsonl", 9)), metadata);
        // when
        store.put(paper, Optional.empty(), Optional.empty());
        StoredPaper read = store.get("p-1").orElseThrow();
        // then
        assertThat(read.paper()).isEqualTo(paper);
        assertThat(read.paper().metadata()).containsExactlyEntriesOf(metadata);
        assertThat(((BigDecimal) read.paper().metadata().get("score")).toPlainString()).isEqualTo("0.10");
        assertThat(column("SELECT metadata FROM papers WHERE id = 'p-1'")).isEqualTo("{\"year\":2024,\"score\":0.10,"
                + "\"huge\":123456789012345678901234567890,\"tiny\":1E-400,\"doi\":null,\"open\":true,"
                + "\"authors\":[\"Ada\",\"Alan\"],\"venue\":{\"name\":\"ICML\",\"acceptance\":0.250},"
                + "\"aaa-last\":\"keys keep their order, not the alphabet's\"}");
        assertThat(column("SELECT sources FROM papers WHERE id = 'p-1'"))
                .isEqualTo("[{\"file\":\"a.jsonl\",\"line\":3},{\"file\":\"b.jsonl\",\"line\":9}]");
        assertThat(column("SELECT text_sha256 FROM papers WHERE id = 'p-1'"))
                .isEqualTo(StoredEmbedding.textSha256("Adam. We introduce Adam."));
    }

    @Test
    void a_double_in_the_metadata_reads_back_as_the_decimal_it_was_written_as() {
        var paper = new Paper("p-1", "T", "A.", List.of(), Map.of("ratio", 0.1d));

        store.put(paper, Optional.empty(), Optional.empty());

        assertThat(store.get("p-1").orElseThrow().paper().metadata()).containsEntry("ratio", new BigDecimal("0.1"));
    }

    @Test
    void an_untitled_paper_without_sources_or_metadata_round_trips() {
        var untitled = new Paper("u-1", "", "Only an abstract.", List.of());

        store.put(untitled, Optional.empty(), Optional.empty());

        assertThat(store.get("u-1").orElseThrow().paper()).isEqualTo(untitled);
    }

    @Test
    void a_missing_paper_is_empty() {
        assertThat(store.get("nope")).isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    void a_new_paper_is_created_at_version_1_stamped_to_the_millisecond() {
        WriteResult result = store.put(paper("p-1"), Optional.empty(), Optional.empty());

        Instant millis = Instant.parse("2025-03-01T10:00:00.123Z");
        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(result.stored()).isEqualTo(new StoredPaper(paper("p-1"), 1, millis, millis));
        assertThat(store.get("p-1")).contains(result.stored());
        assertThat(column("SELECT created_at FROM papers")).isEqualTo("2025-03-01T10:00:00.123Z");
    }

    @Test
    void a_replaced_paper_goes_up_one_version_and_keeps_its_creation_time() {
        // given
        store.put(paper("p-1"), Optional.empty(), Optional.empty());
        clock.advance(Duration.ofMinutes(5));
        // when
        WriteResult result = store.put(paper("p-1", "New title", "New abstract."), Optional.empty(),
                Optional.empty());
        // then
        assertThat(result.outcome()).isEqualTo(Outcome.REPLACED);
        StoredPaper stored = store.get("p-1").orElseThrow();
        assertThat(stored).isEqualTo(result.stored());
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.paper().title()).isEqualTo("New title");
        assertThat(stored.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123Z"));
        assertThat(stored.updatedAt()).isEqualTo(Instant.parse("2025-03-01T10:05:00.123Z"));
    }

    @Test
    void putting_exactly_the_stored_content_changes_nothing() {
        store.put(paper("p-1"), Optional.empty(), Optional.empty());
        clock.advance(Duration.ofMinutes(5));

        WriteResult again = store.put(paper("p-1"), Optional.of(1L), Optional.empty());

        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.stored().version()).isEqualTo(1);
        assertThat(store.get("p-1").orElseThrow().updatedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123Z"));
    }

    @Test
    void a_moved_source_or_changed_metadata_is_a_change() {
        store.put(paper("p-1"), Optional.empty(), Optional.empty());
        Paper p = paper("p-1");

        var moved = new Paper(p.id(), p.title(), p.abstractText(), List.of(new Source("other.jsonl", 4)));
        var withYear = new Paper(p.id(), p.title(), p.abstractText(), moved.sources(), Map.of("year", 2020));

        assertThat(store.put(moved, Optional.empty(), Optional.empty()).stored().version()).isEqualTo(2);
        assertThat(store.put(withYear, Optional.empty(), Optional.empty()).stored().version()).isEqualTo(3);
    }

    @Test
    void a_put_that_expects_another_version_is_refused_and_writes_nothing() {
        // given
        store.put(paper("p-1"), Optional.empty(), Optional.empty());
        store.put(paper("p-1", "Second", "Second abstract."), Optional.of(1L), Optional.empty());
        Paper third = paper("p-1", "Third", "Third abstract.");
        // when / then
        assertThatThrownBy(() -> store.put(third, Optional.of(1L), Optional.of(embedding(MINILM, third, 1))))
                .isInstanceOfSatisfying(VersionConflictException.class, conflict -> {
                    assertThat(conflict.id()).isEqualTo("p-1");
                    assertThat(conflict.expected()).isEqualTo(1);
                    assertThat(conflict.current()).hasValue(2);
                })
                .hasMessage("paper 'p-1' is at version 2, but version 1 was expected");
        assertThat(store.get("p-1").orElseThrow().paper().title()).isEqualTo("Second");
        assertThat(store.embedding(MINILM, StoredEmbedding.textSha256(third.embeddingText()))).isEmpty();
    }

    @Test
    void a_put_that_expects_a_paper_which_does_not_exist_is_refused() {
        assertThatThrownBy(() -> store.put(paper("p-1"), Optional.of(3L), Optional.empty()))
                .isInstanceOfSatisfying(VersionConflictException.class,
                        conflict -> assertThat(conflict.current()).isEmpty())
                .hasMessage("paper 'p-1' does not exist, but version 3 was expected");
        assertThat(store.count()).isZero();
    }

    @Test
    void expecting_version_0_creates_a_paper_only_if_it_does_not_exist() {
        assertThat(store.put(paper("p-1"), Optional.of(0L), Optional.empty()).outcome()).isEqualTo(Outcome.CREATED);

        assertThatThrownBy(() -> store.put(paper("p-1"), Optional.of(0L), Optional.empty()))
                .isInstanceOf(VersionConflictException.class)
                .hasMessage("paper 'p-1' already exists at version 1, but no paper was expected");
    }

    @Test
    void concurrent_conditional_writers_never_lose_an_update() throws Exception {
        // given: four threads each make 25 changes, reading the version and retrying on conflict
        store.put(new Paper("c", "Counter", "A counter.", List.of(), Map.of("n", 0L)), Optional.empty(),
                Optional.empty());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        var tasks = new ArrayList<Future<?>>();
        for (int t = 0; t < 4; t++) {
            tasks.add(threads.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    while (true) {
                        StoredPaper seen = store.get("c").orElseThrow();
                        long n = (Long) seen.paper().metadata().get("n");
                        var next = new Paper("c", "Counter", "A counter.", List.of(), Map.of("n", n + 1));
                        try {
                            store.put(next, Optional.of(seen.version()), Optional.empty());
                            break;
                        } catch (VersionConflictException retry) {
                            // another thread won this round
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        // then
        StoredPaper counter = store.get("c").orElseThrow();
        assertThat(counter.paper().metadata()).containsEntry("n", 100L);
        assertThat(counter.version()).isEqualTo(101);
    }

    @Test
    void a_deleted_paper_is_gone_and_deleting_it_again_finds_nothing() {
        store.put(paper("p-1"), Optional.empty(), Optional.empty());

        assertThat(store.delete("p-1", Optional.of(1L))).isTrue();

        assertThat(store.get("p-1")).isEmpty();
        assertThat(store.delete("p-1", Optional.empty())).isFalse();
    }

    @Test
    void a_delete_that_expects_another_version_is_refused() {
        store.put(paper("p-1"), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> store.delete("p-1", Optional.of(7L)))
                .isInstanceOfSatisfying(VersionConflictException.class,
                        conflict -> assertThat(conflict.current()).hasValue(1));
        assertThatThrownBy(() -> store.delete("nope", Optional.of(1L)))
                .isInstanceOfSatisfying(VersionConflictException.class,
                        conflict -> assertThat(conflict.current()).isEmpty());
        assertThat(store.get("p-1")).isPresent();
    }

    @Test
    void a_recreated_paper_starts_again_at_version_1() {
        store.put(paper("p-1"), Optional.empty(), Optional.empty());
        store.put(paper("p-1", "B", "B."), Optional.empty(), Optional.empty());
        store.delete("p-1", Optional.empty());

        assertThat(store.put(paper("p-1"), Optional.empty(), Optional.empty()).stored().version()).isEqualTo(1);
    }

    @Test
    void a_batch_with_one_conflict_writes_none_of_its_papers_nor_its_facts() {
        store.put(paper("b"), Optional.empty(), Optional.empty());
        var batch = List.of(PaperWrite.of(paper("a")), new PaperWrite(paper("b"), Optional.of(5L), Optional.empty()),
                PaperWrite.of(paper("c")));

        assertThatThrownBy(() -> store.putAll(batch, Map.of("import.done", "3")))
                .isInstanceOf(VersionConflictException.class).hasMessageContaining("'b'");

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.fact("import.done")).isEmpty();
    }

    @Test
    void a_batch_commits_its_papers_and_facts_together_in_order() {
        var batch = List.of(PaperWrite.of(paper("a")), PaperWrite.of(paper("b")),
                PaperWrite.of(paper("a", "A again", "Changed.")));

        List<WriteResult> results = store.putAll(batch, Map.of("import.done", "3"));

        assertThat(results).extracting(WriteResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.REPLACED);
        assertThat(store.get("a").orElseThrow().version()).isEqualTo(2);
        assertThat(store.fact("import.done")).contains("3");
        assertThat(store.putAll(List.of())).isEmpty();
    }

    @Test
    void every_paper_is_walked_in_id_order() {
        for (String id : List.of("m", "a", "z", "B", "a-2", "0")) {
            store.put(paper(id), Optional.empty(), Optional.empty());
        }
        var ids = new ArrayList<String>();

        store.forEach(stored -> ids.add(stored.id()));

        assertThat(ids).containsExactly("0", "B", "a", "a-2", "m", "z");
        assertThat(store.count()).isEqualTo(6);
    }

    @Test
    void a_walk_sees_the_papers_of_the_moment_it_started() {
        store.put(paper("a"), Optional.empty(), Optional.empty());
        store.put(paper("b"), Optional.empty(), Optional.empty());
        var ids = new ArrayList<String>();

        store.forEach(stored -> {
            ids.add(stored.id());
            store.put(paper("c-" + stored.id()), Optional.empty(), Optional.empty());
        });

        assertThat(ids).containsExactly("a", "b");
        assertThat(store.count()).isEqualTo(4);
    }

    // ---- embeddings

    @Test
    void a_vector_is_stored_as_little_endian_float32_under_its_model_and_text() {
        Paper paper = paper("p-1");
        var stored = new StoredEmbedding(MINILM, StoredEmbedding.textSha256(paper.embeddingText()),
                new float[] {1f, -2.5f}, 300, 256);

        store.put(paper, Optional.empty(), Optional.of(stored));

        assertThat(store.embedding(MINILM, stored.textSha256())).contains(stored);
        assertThat(store.embedding(BGE, stored.textSha256())).isEmpty();
        assertThat(blob("SELECT vector FROM embeddings"))
                .containsExactly(0x00, 0x00, (byte) 0x80, 0x3f, 0x00, 0x00, 0x20, (byte) 0xc0);
    }

    @Test
    void an_embedding_of_another_text_is_refused() {
        Paper paper = paper("p-1");
        StoredEmbedding other = StoredEmbedding.of(MINILM, "another text", vector(1, 8), 3, 3);

        assertThatThrownBy(() -> store.put(paper, Optional.empty(), Optional.of(other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the embedding given with paper 'p-1' is of another text");
    }

    @Test
    void papers_with_the_same_text_share_one_vector() {
        // given: two ids, one text; the vector comes with the first only
        Paper first = paper("first", "Same", "Same abstract.");
        Paper second = new Paper("second", "Same", "Same abstract.", List.of(new Source("other.csv", 8)));
        store.put(first, Optional.empty(), Optional.of(embedding(MINILM, first, 42)));
        store.put(second, Optional.empty(), Optional.empty());
        // when
        var read = new ArrayList<PaperEmbedding>();
        store.forEachEmbedding(MINILM, read::add);
        // then
        assertThat(read).extracting(PaperEmbedding::id).containsExactly("first", "second");
        assertThat(read.get(1).vector()).containsExactly(vector(42, 8));
        assertThat(store.countMissingEmbeddings(MINILM)).isZero();
        assertThat(rows("SELECT count(*) FROM embeddings")).isEqualTo(1);
    }

    @Test
    void a_replaced_paper_keeps_its_vector_while_its_text_stays_the_same() {
        Paper paper = paper("p-1");
        store.put(paper, Optional.empty(), Optional.of(embedding(MINILM, paper, 1)));

        store.put(new Paper("p-1", paper.title(), paper.abstractText(), List.of(), Map.of("year", 2021)),
                Optional.empty(), Optional.empty());
        assertThat(store.countMissingEmbeddings(MINILM)).isZero();

        store.put(paper("p-1", paper.title(), "A rewritten abstract."), Optional.empty(), Optional.empty());
        assertThat(store.countMissingEmbeddings(MINILM)).isEqualTo(1);
    }

    @Test
    void a_deleted_paper_that_comes_back_finds_its_vector() {
        Paper paper = paper("p-1");
        store.put(paper, Optional.empty(), Optional.of(embedding(MINILM, paper, 1)));
        store.delete("p-1", Optional.empty());

        store.put(paper, Optional.empty(), Optional.empty());

        assertThat(store.countMissingEmbeddings(MINILM)).isZero();
    }

    @Test
    void several_models_keep_their_vectors_side_by_side() {
        // given
        Paper a = paper("a");
        Paper b = paper("b");
        store.putAll(List.of(PaperWrite.of(a, embedding(MINILM, a, 1)), PaperWrite.of(b, embedding(MINILM, b, 2))));
        store.putEmbedding(embedding(BGE, b, 3));
        // when
        var minilm = new ArrayList<PaperEmbedding>();
        var bge = new ArrayList<PaperEmbedding>();
        var missingBge = new ArrayList<String>();
        store.forEachEmbedding(MINILM, minilm::add);
        store.forEachEmbedding(BGE, bge::add);
        store.forEachMissingEmbedding(BGE, stored -> missingBge.add(stored.id()));
        // then
        assertThat(minilm).extracting(PaperEmbedding::id).containsExactly("a", "b");
        assertThat(bge).extracting(PaperEmbedding::id).containsExactly("b");
        assertThat(bge.get(0).vector()).containsExactly(vector(3, 8));
        assertThat(minilm.get(1).vector()).containsExactly(vector(2, 8));
        assertThat(missingBge).containsExactly("a");
        assertThat(store.countMissingEmbeddings(BGE)).isEqualTo(1);
        assertThat(store.countMissingEmbeddings("never-used-model")).isEqualTo(2);
        assertThat(store.vectorsByModel()).containsExactlyInAnyOrderEntriesOf(Map.of(MINILM, 2L, BGE, 1L));
    }

    @Test
    void a_new_store_holds_vectors_of_no_model() {
        assertThat(store.vectorsByModel()).isEmpty();
    }

    @Test
    void a_vector_put_again_replaces_the_stored_one() {
        StoredEmbedding first = StoredEmbedding.of(MINILM, "text", vector(1, 4), 5, 5);
        StoredEmbedding second = StoredEmbedding.of(MINILM, "text", vector(2, 4), 300, 256);

        store.putEmbeddings(List.of(first, second));

        assertThat(store.embedding(MINILM, StoredEmbedding.textSha256("text"))).contains(second);
    }

    @Test
    void the_text_key_is_the_hex_sha256_of_the_utf8_text() {
        assertThat(StoredEmbedding.textSha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    // ---- facts and life cycle

    @Test
    void facts_are_set_replaced_and_removed() {
        store.setFact("corpus.location", "data/papers");
        store.setFact("corpus.location", "data/other");
        store.setFact("import.offset", "1000");
        store.removeFact("import.offset");
        store.removeFact("never-set");

        assertThat(store.fact("corpus.location")).contains("data/other");
        assertThat(store.fact("import.offset")).isEmpty();
    }

    @Test
    void what_was_written_is_there_after_reopening_and_the_folders_are_created() {
        Path file = dir.resolve("nested/deeper/store.db");
        Paper paper = paper("p-1");
        try (PaperStore first = TestStores.open(file)) {
            first.put(paper, Optional.empty(), Optional.of(embedding(MINILM, paper, 9)));
            first.setFact("k", "v");
        }

        try (PaperStore again = TestStores.open(file)) {
            assertThat(again.get("p-1").orElseThrow().paper()).isEqualTo(paper);
            assertThat(again.fact("k")).contains("v");
            assertThat(again.countMissingEmbeddings(MINILM)).isZero();
        }
    }

    @Test
    void the_store_runs_in_wal_mode() {
        assertThat(column("PRAGMA journal_mode")).isEqualTo("wal");
    }

    @Test
    void a_closed_store_says_so() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.get("p-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(() -> store.put(paper("p-1"), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_database_file_is_where_the_options_say() {
        assertThat(Files.isRegularFile(dir.resolve("simdex.db"))).isTrue();
        assertThat(store.path()).isEqualTo(dir.resolve("simdex.db").toAbsolutePath());
    }
    // ---- helpers

    private String column(String sql) {
        try (var connection = TestStores.raw(store.path()); var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row for " + sql).isTrue();
            return rows.getString(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql + " failed", e);
        }
    }

    private byte[] blob(String sql) {
        try (var connection = TestStores.raw(store.path()); var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getBytes(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql + " failed", e);
        }
    }

    private long rows(String sql) {
        return Long.parseLong(column(sql));
    }
}
