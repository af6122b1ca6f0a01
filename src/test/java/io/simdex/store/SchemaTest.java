package io.simdex.store;

import static io.simdex.store.TestStores.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Source;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class SchemaTest {

    /** A second step, as a later simdex might add: a column, filled for the rows already there. */
    private static final Migration NOTES = new Migration(2, "paper notes", List.of(
            "ALTER TABLE papers ADD COLUMN note TEXT",
            "UPDATE papers SET note = 'from v1'"));

    private static final List<Migration> V2 = List.of(Schema.MIGRATIONS.get(0), NOTES);

    @TempDir
    Path dir;

    @Test
    void a_new_file_gets_every_step_recorded() throws SQLException {
        Path file = dir.resolve("new.db");

        TestStores.open(file).close();

        assertThat(steps(file)).containsExactly("1 papers, embeddings by model and text hash, store facts");
        assertThat(Schema.latest(Schema.MIGRATIONS)).isEqualTo(Schema.MIGRATIONS.size());
    }

    @Test
    void a_version_1_database_written_by_hand_opens_with_its_papers() throws SQLException {
        // given: the version 1 layout, filled without the store's code, as simdex 1 wrote it
        Path file = dir.resolve("v1.db");
        try (Connection c = TestStores.raw(file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY,"
                    + " description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            for (String sql : Schema.MIGRATIONS.get(0).statements()) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_migrations VALUES (1, 'v1', '2025-01-01T00:00:00.000Z')");
            s.execute("INSERT INTO papers VALUES ('old', 'Old', 'An old paper.', '{\"year\":2019,\"p\":0.50}',"
                    + " '[{\"file\":\"old.jsonl\",\"line\":2}]', '" + StoredEmbedding.textSha256("Old. An old paper.")
                    + "', 4, '2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z')");
        }
        // when
        try (PaperStore store = TestStores.open(file)) {
            // then
            StoredPaper old = store.get("old").orElseThrow();
            assertThat(old.paper()).isEqualTo(new Paper("old", "Old", "An old paper.",
                    List.of(new Source("old.jsonl", 2)), Map.of("year", 2019L, "p", new BigDecimal("0.50"))));
            assertThat(old.version()).isEqualTo(4);
            assertThat(old.updatedAt()).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
        }
    }

    @Test
    void an_older_database_is_migrated_forward_with_its_rows() throws SQLException {
        // given
        Path file = dir.resolve("old.db");
        try (PaperStore v1 = open(file, Schema.MIGRATIONS)) {
            v1.put(paper("p-1"), Optional.empty(), Optional.empty());
        }
        // when
        try (PaperStore v2 = open(file, V2)) {
            // then
            assertThat(v2.get("p-1")).isPresent();
        }
        assertThat(steps(file)).containsExactly("1 papers, embeddings by model and text hash, store facts",
                "2 paper notes");
        assertThat(query(file, "SELECT note FROM papers")).containsExactly("from v1");
    }

    @Test
    void a_step_that_fails_leaves_the_database_as_it_was() throws SQLException {
        // given
        Path file = dir.resolve("old.db");
        try (PaperStore v1 = open(file, Schema.MIGRATIONS)) {
            v1.put(paper("p-1"), Optional.empty(), Optional.empty());
        }
        var broken = new Migration(2, "broken", List.of("ALTER TABLE papers ADD COLUMN note TEXT",
                "UPDATE no_such_table SET x = 1"));
        // when / then
        assertThatThrownBy(() -> open(file, List.of(Schema.MIGRATIONS.get(0), broken)))
                .isInstanceOf(StoreException.class).hasMessageContaining("no such table: no_such_table");
        assertThat(steps(file)).hasSize(1);
        assertThat(query(file, "SELECT name FROM pragma_table_info('papers') WHERE name = 'note'")).isEmpty();
        try (PaperStore again = open(file, Schema.MIGRATIONS)) {
            assertThat(again.get("p-1")).isPresent();
        }
    }

    @Test
    void a_database_from_a_newer_simdex_is_refused_and_left_unchanged() throws Exception {
        // given
        Path file = dir.resolve("newer.db");
        open(file, V2).close();
        byte[] before = Files.readAllBytes(file);
        // when / then
        assertThatThrownBy(() -> open(file, Schema.MIGRATIONS))
                .isInstanceOfSatisfying(NewerSchemaException.class, e -> {
                    assertThat(e.found()).isEqualTo(2);
                    assertThat(e.known()).isEqualTo(1);
                })
                .hasMessage(file + " has schema version 2, but this simdex knows versions up to 1: run a newer"
                        + " simdex, or restore a snapshot made by this one with `simdex restore`");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void a_sqlite_database_of_another_program_is_refused() throws SQLException {
        Path file = dir.resolve("other.db");
        try (Connection c = TestStores.raw(file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)");
        }

        assertThatThrownBy(() -> TestStores.open(file)).isInstanceOf(StoreException.class)
                .hasMessage(file + " is a SQLite database but not a simdex store (it holds accounts): point"
                        + " store.path at another file");
        assertThat(query(file, "SELECT name FROM sqlite_schema WHERE type = 'table'")).containsExactly("accounts");
    }

    @Test
    void steps_must_be_numbered_in_order() {
        var gap = List.of(Schema.MIGRATIONS.get(0), new Migration(3, "gap", List.of()));

        assertThatThrownBy(() -> open(dir.resolve("x.db"), gap)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migration 2 is numbered 3");
    }

    private static PaperStore open(Path file, List<Migration> migrations) {
        return PaperStore.open(new StoreOptions(file, StoreOptions.Sync.FULL), Clock.systemUTC(), migrations);
    }

    private static List<String> steps(Path file) throws SQLException {
        return query(file, "SELECT version || ' ' || description FROM schema_migrations ORDER BY version");
    }

    private static List<String> query(Path file, String sql) throws SQLException {
        var values = new ArrayList<String>();
        try (Connection c = TestStores.raw(file); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
