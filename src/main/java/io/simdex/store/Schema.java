package io.simdex.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's tables, as a list of forward migrations, and the code that brings a database up to date.
 *
 * <p>Table {@code schema_migrations} records every step applied (version, description, when). Opening a store
 * applies the missing steps in order, all in one transaction: a database ends up fully migrated or exactly as it
 * was. A database with a step this code does not know is refused, never downgraded; a SQLite file that holds
 * other tables but no {@code schema_migrations} is not a simdex store and is refused too.
 */
final class Schema {

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    /** The released steps, in order. Append; never edit a released one. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "papers, embeddings by model and text hash, store facts", List.of("""
                    CREATE TABLE papers (
                        id          TEXT    NOT NULL PRIMARY KEY,
                        title       TEXT    NOT NULL,
                        abstract    TEXT    NOT NULL,
                        metadata    TEXT    NOT NULL,
                        sources     TEXT    NOT NULL,
                        text_sha256 TEXT    NOT NULL,
                        version     INTEGER NOT NULL CHECK (version >= 1),
                        created_at  TEXT    NOT NULL,
                        updated_at  TEXT    NOT NULL
                    )""",
                    // start-up walks papers in id order for their text hashes: this covering index serves that
                    // walk without reading the (large) paper rows
                    "CREATE INDEX papers_id_text ON papers (id, text_sha256)",
                    """
                    CREATE TABLE embeddings (
                        model           TEXT    NOT NULL,
                        text_sha256     TEXT    NOT NULL,
                        vector          BLOB    NOT NULL,
                        tokens          INTEGER NOT NULL,
                        tokens_embedded INTEGER NOT NULL,
                        PRIMARY KEY (model, text_sha256)
                    )""",
                    """
                    CREATE TABLE store_facts (
                        key   TEXT NOT NULL PRIMARY KEY,
                        value TEXT NOT NULL
                    )""")));

    private Schema() {
    }

    /** The newest version {@code migrations} lead to. */
    static int latest(List<Migration> migrations) {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    /**
     * Applies the steps the database lacks, in one transaction.
     *
     * @return the schema version the database now has
     * @throws NewerSchemaException if the database has a step beyond the last of {@code migrations}
     * @throws StoreException       if the file is a SQLite database of something else
     */
    static int migrate(Connection connection, Path file, List<Migration> migrations, Instant now)
            throws SQLException {
        checkNumbering(migrations);
        return PaperStore.inTransaction(connection, c -> {
            if (!tableExists(c, "schema_migrations")) {
                List<String> tables = tables(c);
                if (!tables.isEmpty()) {
                    throw new StoreException(file + " is a SQLite database but not a simdex store (it holds "
                            + String.join(", ", tables) + "): point store.path at another file");
                }
                execute(c, """
                        CREATE TABLE schema_migrations (
                            version     INTEGER NOT NULL PRIMARY KEY,
                            description TEXT    NOT NULL,
                            applied_at  TEXT    NOT NULL
                        )""");
            }
            int current = current(c);
            int latest = latest(migrations);
            if (current > latest) {
                throw new NewerSchemaException(file, current, latest);
            }
            for (Migration migration : migrations) {
                if (migration.version() <= current) {
                    continue;
                }
                for (String sql : migration.statements()) {
                    execute(c, sql);
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    insert.setString(3, Timestamps.format(now));
                    insert.executeUpdate();
                }
                LOG.info("store {}: schema migrated to version {} ({})", file, migration.version(),
                        migration.description());
            }
            return latest;
        });
    }

    /** The version recorded in {@code schema_migrations}; 0 for a database without steps. */
    static int current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void checkNumbering(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("migration " + (i + 1) + " is numbered "
                        + migrations.get(i).version() + ": steps must be numbered 1, 2, 3… in order");
            }
        }
    }

    private static boolean tableExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        var names = new ArrayList<String>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
