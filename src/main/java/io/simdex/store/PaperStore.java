package io.simdex.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

import io.simdex.corpus.Paper;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The collection on disk: papers with their versions, and vectors by model and text, in one SQLite file.
 *
 * <p>Every write is one SQLite transaction, committed before the method returns: what a method acknowledged
 * survives kill -9, and with {@link StoreOptions.Sync#FULL} a power loss too. A write either happens whole or not
 * at all. The journal is write-ahead (WAL), so reads never wait for writes and see only committed data.
 *
 * <p>Thread-safe. Writers share one connection and take turns; readers borrow one of up to {@value #MAX_READERS}
 * read-only connections, and a read that spans many rows ({@link #forEach}) sees one consistent state of the
 * store, however long it runs. One process should own a store file: a second one would not corrupt it, but its
 * writes would not reach the first one's indexes.
 *
 * <p>At open the file is checked ({@link #quickCheck()}) and migrated to the current schema ({@link Schema}). A
 * damaged file, or one that is not a database, is refused with a {@link DamagedStoreException} and left as it is.
 */
public final class PaperStore implements AutoCloseable {

    /** The store fact that counts transactions that changed papers ({@link #paperChanges()}). */
    private static final String PAPER_CHANGES = "papers.changes";

    private static final Logger LOG = LoggerFactory.getLogger(PaperStore.class);

    /** Read connections kept open at most; more concurrent readers wait for one. */
    static final int MAX_READERS = 4;

    /** How long a statement waits for a lock held by another connection (a snapshot, another process). */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    /** The page size of new files. */
    static final int PAGE_SIZE = 8192;

    private static final String PAPER_COLUMNS =
            "id, title, abstract, metadata, sources, version, created_at, updated_at";

    private final Path path;
    private final Clock clock;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> idleReaders = new LinkedBlockingQueue<>();
    private final Semaphore readerPermits = new Semaphore(MAX_READERS);
    private volatile boolean closed;

    private PaperStore(Path path, Clock clock, Connection writer) {
        this.path = path;
        this.clock = clock;
        this.writer = writer;
    }

    /**
     * Opens the store at {@code options.path()}, creating the file and its folders if they do not exist, checking
     * it, and migrating it to the current schema.
     *
     * @throws DamagedStoreException if the file is damaged or not a SQLite database; it is left untouched
     * @throws NewerSchemaException  if a newer simdex wrote the file
     * @throws StoreException        if the file cannot be opened, or is a SQLite database of something else, or
     *                               the settings keep the collection in Elasticsearch (a SQLite file would be
     *                               the wrong collection)
     */
    public static PaperStore open(StoreOptions options) {
        if (options.backend() == StoreOptions.Backend.ELASTICSEARCH) {
            throw new StoreException("store.backend is elasticsearch, but this command works on the SQLite file of"
                    + " store.path; with Elasticsearch, write papers through the API (POST /api/papers/_bulk) and"
                    + " back them up with Elasticsearch's snapshot API");
        }
        return open(options, Clock.systemUTC(), Schema.MIGRATIONS);
    }

    /** {@link #open(StoreOptions)} with the clock that stamps writes and the schema steps to apply. */
    static PaperStore open(StoreOptions options, Clock clock, List<Migration> migrations) {
        Path path = options.path().toAbsolutePath().normalize();
        StoreLocation.check(path);
        long start = System.nanoTime();
        Connection writer = connect(path);
        try {
            // checked before anything is written: the journal mode is kept in the file's header
            quickCheck(writer, path);
            long checked = System.nanoTime();
            // a new file gets 8 KiB pages (no effect on an existing one): vectors of 1.5 KiB and paper rows of
            // about as much fill them better than 4 KiB pages: 10 % smaller and 20 % faster to import at 100k papers
            pragma(writer, "page_size = " + PAGE_SIZE, null);
            pragma(writer, "journal_mode = WAL", "wal");
            pragma(writer, "synchronous = " + options.sync().name(), null);
            pragma(writer, "foreign_keys = ON", null);
            int version = Schema.migrate(writer, path, migrations, Timestamps.truncate(clock.instant()));
            LOG.info("store {} open: schema version {}, {} papers, sync {}; quick_check took {} ms", path, version,
                    queryLong(writer, "SELECT count(*) FROM papers"), options.sync().name().toLowerCase(Locale.ROOT),
                    (checked - start) / 1_000_000);
            return new PaperStore(path, clock, writer);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw failure(path, "open", e);
        } catch (RuntimeException e) {
            closeQuietly(writer);
            throw e;
        }
    }

    /** The database file, as an absolute path. */
    public Path path() {
        return path;
    }

    // ---- papers: reads

    /** The paper with this id, or empty if there is none. */
    public Optional<StoredPaper> get(String id) {
        Objects.requireNonNull(id, "id");
        return read("read paper '" + id + "'", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + PAPER_COLUMNS + " FROM papers WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(storedPaper(rows)) : Optional.empty();
                }
            }
        });
    }

    /** How many papers the store holds. */
    public long count() {
        return read("count papers", c -> queryLong(c, "SELECT count(*) FROM papers"));
    }

    /**
     * Hands every paper to {@code action} in ascending id order, one row at a time: the table is never loaded
     * whole. The papers are those of the moment the walk starts: writes made meanwhile, from {@code action} or
     * elsewhere, are not seen. An exception thrown by {@code action} ends the walk and propagates.
     *
     * <p>Ids are compared by their UTF-8 bytes, which is the order of {@link String#compareTo} for every id
     * without characters beyond U+FFFF (corpus ids are ASCII).
     */
    public void forEach(Consumer<? super StoredPaper> action) {
        Objects.requireNonNull(action, "action");
        read("read all papers", c -> {
            try (Statement query = c.createStatement();
                    ResultSet rows = query.executeQuery("SELECT " + PAPER_COLUMNS + " FROM papers ORDER BY id")) {
                while (rows.next()) {
                    action.accept(storedPaper(rows));
                }
            }
            return null;
        });
    }

    // ---- papers: writes

    /**
     * Creates or replaces one paper, with its text's vector if given, in one transaction.
     *
     * <p>A paper that does not exist is created at version 1. A paper whose title, abstract, metadata or sources
     * differ is replaced: its version goes up by one, {@code updatedAt} moves and {@code createdAt} is kept. A put
     * of exactly the stored content changes nothing ({@link WriteResult.Outcome#UNCHANGED}: same version, same
     * timestamps), so re-importing a corpus does not rewrite it, and an unchanged paper keeps its version (its
     * ETag); the embedding, if given, is still stored.
     *
     * @param expectedVersion the version the stored paper must have ({@code If-Match}); 0 means it must not exist;
     *                        empty writes whatever is stored
     * @param embedding       the vector of {@link Paper#embeddingText()} under one model
     * @throws VersionConflictException if {@code expectedVersion} is given and differs from the stored version (a
     *                                  missing paper is at version 0); nothing is written
     * @throws IllegalArgumentException if the embedding is of another text than the paper's
     */
    public WriteResult put(Paper paper, Optional<Long> expectedVersion, Optional<StoredEmbedding> embedding) {
        return putAll(List.of(new PaperWrite(paper, expectedVersion, embedding))).get(0);
    }

    /**
     * Writes papers (with their vectors) in one transaction, as {@link #put} writes each: all of them or, if one
     * has a version conflict, none. Papers are written in list order, so a later write of the same id sees the
     * earlier one. An empty list writes nothing.
     *
     * @return one result per write, in list order
     * @throws VersionConflictException naming the first paper whose expected version did not match; nothing is
     *                                  written
     */
    public List<WriteResult> putAll(List<PaperWrite> writes) {
        return putAll(writes, Map.of());
    }

    /**
     * {@link #putAll(List)}, and sets {@code facts} (see {@link #setFact}) in the same transaction, so that a
     * marker such as an import's progress is committed together with the papers it counts, never before or after.
     */
    public List<WriteResult> putAll(List<PaperWrite> writes, Map<String, String> facts) {
        List<PaperWrite> copy = List.copyOf(writes);
        Map<String, String> factsCopy = Map.copyOf(facts);
        if (copy.isEmpty() && factsCopy.isEmpty()) {
            return List.of();
        }
        String what = copy.size() == 1 ? "write paper '" + copy.get(0).paper().id() + "'"
                : "write " + copy.size() + " papers";
        return write(what, c -> {
            Instant now = Timestamps.truncate(clock.instant());
            var results = new ArrayList<WriteResult>(copy.size());
            try (var statements = new PaperStatements(c)) {
                for (PaperWrite paperWrite : copy) {
                    results.add(statements.put(paperWrite, now));
                }
            }
            if (!copy.isEmpty()) {
                countChange(c);
            }
            for (var fact : factsCopy.entrySet()) {
                setFact(c, fact.getKey(), fact.getValue());
            }
            return results;
        });
    }

    /**
     * Deletes one paper in one transaction. Its vectors stay: they are keyed by text, may serve other papers, and
     * serve this one again if it comes back.
     *
     * @param expectedVersion the version the stored paper must have ({@code If-Match}); empty deletes whatever is
     *                        stored
     * @return true if a paper was deleted, false if there was none (and no version was expected)
     * @throws VersionConflictException if {@code expectedVersion} is given and differs from the stored version,
     *                                  including when there is no paper; nothing is deleted
     */
    public boolean delete(String id, Optional<Long> expectedVersion) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        return write("delete paper '" + id + "'", c -> {
            long current;
            try (PreparedStatement query = c.prepareStatement("SELECT version FROM papers WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    current = rows.next() ? rows.getLong(1) : 0;
                }
            }
            if (expectedVersion.isPresent() && expectedVersion.get() != current) {
                throw new VersionConflictException(id, expectedVersion.get(), current);
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM papers WHERE id = ?")) {
                delete.setString(1, id);
                boolean deleted = delete.executeUpdate() == 1;
                if (deleted) {
                    countChange(c);
                }
                return deleted;
            }
        });
    }

    // ---- embeddings

    /** The vector of the text with this hash under this model, or empty if it was never stored. */
    public Optional<StoredEmbedding> embedding(String model, String textSha256) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(textSha256, "textSha256");
        return read("read an embedding", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT vector, tokens, tokens_embedded"
                    + " FROM embeddings WHERE model = ? AND text_sha256 = ?")) {
                query.setString(1, model);
                query.setString(2, textSha256);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredEmbedding(model, textSha256, vector(rows.getBytes(1), textSha256),
                            rows.getInt(2), rows.getInt(3)));
                }
            }
        });
    }

    /** Stores one vector, replacing the one stored for the same model and text; no paper needs to have the text. */
    public void putEmbedding(StoredEmbedding embedding) {
        putEmbeddings(List.of(embedding));
    }

    /** Stores vectors in one transaction, as {@link #putEmbedding} stores each. An empty collection writes nothing. */
    public void putEmbeddings(Collection<StoredEmbedding> embeddings) {
        List<StoredEmbedding> copy = List.copyOf(embeddings);
        if (copy.isEmpty()) {
            return;
        }
        write("write " + copy.size() + " embeddings", c -> {
            try (var statements = new PaperStatements(c)) {
                for (StoredEmbedding embedding : copy) {
                    statements.putEmbedding(embedding);
                }
            }
            return null;
        });
    }

    /**
     * Hands the vector of every paper under {@code model} to {@code action}, in ascending paper id order, one row
     * at a time, from one consistent state of the store: what start-up builds the indexes from. Papers whose
     * text has no vector under this model are skipped ({@link #forEachMissingEmbedding} finds them); papers that
     * share a text each get the shared vector, in its own array.
     */
    public void forEachEmbedding(String model, Consumer<? super PaperEmbedding> action) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(action, "action");
        read("read the embeddings of " + model, c -> {
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT p.id, e.vector, e.tokens, e.tokens_embedded, p.text_sha256
                    FROM papers p JOIN embeddings e ON e.model = ? AND e.text_sha256 = p.text_sha256
                    ORDER BY p.id""")) {
                query.setString(1, model);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(new PaperEmbedding(rows.getString(1), vector(rows.getBytes(2),
                                rows.getString(5)), rows.getInt(3), rows.getInt(4)));
                    }
                }
            }
            return null;
        });
    }

    /**
     * For each model identity the store holds vectors under, how many vectors it holds: which models (and
     * precisions) the collection was made with. Empty for a new or empty store. Reads only the table's key index, not
     * the vectors.
     */
    public Map<String, Long> vectorsByModel() {
        return read("count the vectors per model", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT model, count(*) FROM embeddings GROUP BY model")) {
                var counts = new HashMap<String, Long>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return Map.copyOf(counts);
            }
        });
    }

    /** How many papers have no vector for their text under {@code model}. */
    public long countMissingEmbeddings(String model) {
        Objects.requireNonNull(model, "model");
        return read("count papers without embeddings", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM papers p" + MISSING)) {
                query.setString(1, model);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /**
     * Hands every paper that has no vector for its text under {@code model} to {@code action}, in ascending id
     * order, as {@link #forEach} does: what an import resumes from, or a model switch encodes. Papers that share
     * a text are each handed over; encode the text once.
     */
    public void forEachMissingEmbedding(String model, Consumer<? super StoredPaper> action) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(action, "action");
        read("read papers without embeddings", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + PAPER_COLUMNS + " FROM papers p" + MISSING + " ORDER BY id")) {
                query.setString(1, model);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(storedPaper(rows));
                    }
                }
            }
            return null;
        });
    }

    private static final String MISSING =
            " WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model = ? AND e.text_sha256 = p.text_sha256)";

    // ---- facts

    /** The value stored under {@code key}, or empty if none is. */
    public Optional<String> fact(String key) {
        Objects.requireNonNull(key, "key");
        return read("read fact '" + key + "'", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT value FROM store_facts WHERE key = ?")) {
                query.setString(1, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Stores a fact about the store (the corpus location that seeded it, an import's progress), replacing the
     * value under the same key.
     */
    public void setFact(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        write("write fact '" + key + "'", c -> {
            setFact(c, key, value);
            return null;
        });
    }

    /** Removes a fact; removing one that is not there does nothing. */
    public void removeFact(String key) {
        Objects.requireNonNull(key, "key");
        write("remove fact '" + key + "'", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM store_facts WHERE key = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A number that grows with every transaction that writes or deletes papers (never with vectors or facts alone),
     * kept in the store, so something derived from the papers (such as a BM25 index kept on disk) can tell whether
     * it is still the papers' own: equal numbers, same papers. 0 for a store never written to.
     */
    public long paperChanges() {
        return read("read the paper change count", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT value FROM store_facts WHERE key = ?")) {
                query.setString(1, PAPER_CHANGES);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Long.parseLong(rows.getString(1)) : 0L;
                }
            }
        });
    }

    /** One more transaction changed papers; in the caller's transaction. */
    private static void countChange(Connection c) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO store_facts (key, value) VALUES (?, '1')"
                + " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")) {
            upsert.setString(1, PAPER_CHANGES);
            upsert.executeUpdate();
        }
    }

    private static void setFact(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO store_facts (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            upsert.setString(1, key);
            upsert.setString(2, value);
            upsert.executeUpdate();
        }
    }

    // ---- checks and snapshots

    /**
     * Runs SQLite's {@code PRAGMA quick_check} over the whole file: the structure of every page and row, though not
     * whether each index entry matches its row. It reads the whole file, about 0.2 s per 100,000 papers with their
     * vectors; writes go on meanwhile.
     *
     * @throws DamagedStoreException naming the file and the first problems found
     */
    public void quickCheck() {
        read("check", c -> {
            quickCheck(c, path);
            return null;
        });
    }

    /**
     * Writes a consistent copy of the store to {@code out} while it stays open and written to (SQLite's
     * {@code VACUUM INTO}: the state of one moment, compacted), then {@code out.sha256} in sha256sum's format
     * ({@code <hex>  <file name>}). Both are fsynced and appear only when complete: a crash leaves no snapshot, or
     * a snapshot without a checksum, which {@link #restore} refuses.
     *
     * @throws SnapshotException if {@code out} or {@code out.sha256} already exists; snapshots are never
     *                           overwritten
     */
    public void snapshot(Path out) {
        ensureOpen();
        Snapshots.write(path, out);
    }

    /**
     * Replaces the store file {@code target} with a snapshot, after checking it: the snapshot's SHA-256 must match
     * {@code snapshot.sha256} and SQLite's quick_check must pass. The copy is written to a temporary file beside
     * the target, fsynced and renamed over it, so the target is either the old store or the whole snapshot. The
     * target's stale {@code -wal}, {@code -shm} and {@code -journal} files are removed, since SQLite would apply
     * them to the restored file. Stop every process using the target first.
     *
     * @throws SnapshotException if the snapshot or its checksum is missing, they do not match, or the snapshot
     *                           fails quick_check; the target is left as it was
     */
    public static void restore(Path snapshot, Path target) {
        Snapshots.restore(snapshot, target);
    }

    /**
     * Closes every connection; the last one to close checkpoints the write-ahead log into the file. Calling it
     * again does nothing. A read still running on another thread finishes and then closes its connection.
     */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeIdleReaders();
            writer.close();
        } catch (SQLException e) {
            throw failure(path, "close", e);
        } finally {
            writeLock.unlock();
        }
    }

    // ---- connections and transactions

    /** Work on a connection that may fail in SQLite. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(String what, SqlWork<T> work) {
        ensureOpen();
        readerPermits.acquireUninterruptibly();
        Connection connection = null;
        try {
            connection = idleReaders.poll();
            if (connection == null) {
                connection = openReader(path);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(path, what, e);
        } finally {
            if (connection != null) {
                idleReaders.add(connection);
                if (closed) {
                    closeIdleReaders();
                }
            }
            readerPermits.release();
        }
    }

    private <T> T write(String what, SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            return inTransaction(writer, work);
        } catch (SQLException e) {
            throw failure(path, what, e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} in one immediate transaction (the write lock taken up front, so it never fails halfway for
     * a lock): committed if it returns, rolled back if it throws anything.
     */
    static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
        boolean committed = false;
        try {
            T result = work.run(connection);
            execute(connection, "COMMIT");
            committed = true;
            return result;
        } finally {
            if (!committed) {
                try {
                    execute(connection, "ROLLBACK");
                } catch (SQLException e) {
                    // a failed COMMIT may have rolled back already; the original failure is what the caller sees
                    LOG.debug("rollback after a failed transaction: {}", e.getMessage());
                }
            }
        }
    }

    static Connection connect(Path path) {
        var config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            return config.createConnection("jdbc:sqlite:" + path);
        } catch (SQLException e) {
            throw failure(path, "open", e);
        }
    }

    private static Connection openReader(Path path) throws SQLException {
        Connection reader = connect(path);
        try {
            pragma(reader, "query_only = ON", null);
            return reader;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    /**
     * Runs quick_check on a connection.
     *
     * @throws DamagedStoreException with the first problems found, or if the file is not a database
     */
    static void quickCheck(Connection connection, Path file) throws SQLException {
        List<String> problems = quickCheckProblems(connection);
        if (!problems.isEmpty()) {
            throw new DamagedStoreException(file, "is damaged (quick_check: " + String.join("; ", problems) + ")",
                    null);
        }
    }

    /** What quick_check finds wrong on a connection's file, at most three problems; empty if it is sound. */
    static List<String> quickCheckProblems(Connection connection) throws SQLException {
        var lines = new ArrayList<String>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check(3)")) {
            while (rows.next()) {
                lines.add(rows.getString(1).replace("*** in database main ***", "").strip());
            }
        }
        return lines.equals(List.of("ok")) ? List.of() : lines;
    }

    /** Sets a pragma; if {@code expected} is given, checks the value SQLite reports back. */
    private static void pragma(Connection connection, String setting, String expected) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean hasRows = statement.execute("PRAGMA " + setting);
            if (expected != null) {
                String got = null;
                if (hasRows) {
                    try (ResultSet rows = statement.getResultSet()) {
                        got = rows.next() ? rows.getString(1) : null;
                    }
                }
                if (!expected.equalsIgnoreCase(got)) {
                    throw new StoreException("SQLite refused PRAGMA " + setting + " (got " + got + ")");
                }
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The exception for a failed SQLite call: damage if SQLite says the file is corrupt or not a database. */
    static StoreException failure(Path path, String what, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return new DamagedStoreException(path, "is not a SQLite database, or its header is damaged", e);
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return new DamagedStoreException(path, "is damaged (" + e.getMessage() + ")", e);
        }
        if ("open".equals(what) && (code == SQLiteErrorCode.SQLITE_CANTOPEN.code
                || code == SQLiteErrorCode.SQLITE_READONLY.code || code == SQLiteErrorCode.SQLITE_PERM.code)) {
            return new StoreException("store.path " + path + ": cannot open it for writing: this user may"
                    + " not write the file or its folder, or the disk is read-only; make them writable, or set"
                    + " store.path to a file in a folder this user may write", e);
        }
        return new StoreException("store " + path + ": cannot " + what + ": " + e.getMessage(), e);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store " + path + " is closed");
        }
    }

    private void closeIdleReaders() {
        Connection reader;
        while ((reader = idleReaders.poll()) != null) {
            closeQuietly(reader);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing a store connection failed: {}", e.getMessage());
        }
    }

    // ---- rows

    private StoredPaper storedPaper(ResultSet rows) throws SQLException {
        String id = rows.getString(1);
        try {
            var paper = new Paper(id, rows.getString(2), rows.getString(3), PaperJson.sources(rows.getString(5)),
                    PaperJson.metadata(rows.getString(4)));
            return new StoredPaper(paper, rows.getLong(6), Timestamps.parse(rows.getString(7)),
                    Timestamps.parse(rows.getString(8)));
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
            throw new DamagedStoreException(path, "holds an unreadable row for paper '" + id + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    private float[] vector(byte[] bytes, String textSha256) {
        try {
            return VectorBytes.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new DamagedStoreException(path, "holds an unreadable vector for text " + textSha256 + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The prepared statements of one write transaction, made once and reused for every paper in it. */
    private static final class PaperStatements implements AutoCloseable {

        private final PreparedStatement select;
        private final PreparedStatement insert;
        private final PreparedStatement update;
        private final PreparedStatement upsertEmbedding;

        PaperStatements(Connection c) throws SQLException {
            select = c.prepareStatement("SELECT version, created_at, updated_at, title, abstract, metadata, sources"
                    + " FROM papers WHERE id = ?");
            insert = c.prepareStatement("INSERT INTO papers (id, title, abstract, metadata, sources, text_sha256,"
                    + " version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)");
            update = c.prepareStatement("UPDATE papers SET title = ?, abstract = ?, metadata = ?, sources = ?,"
                    + " text_sha256 = ?, version = ?, updated_at = ? WHERE id = ?");
            upsertEmbedding = c.prepareStatement("INSERT INTO embeddings (model, text_sha256, vector, tokens,"
                    + " tokens_embedded) VALUES (?, ?, ?, ?, ?) ON CONFLICT (model, text_sha256) DO UPDATE SET"
                    + " vector = excluded.vector, tokens = excluded.tokens, tokens_embedded = excluded.tokens_embedded");
        }

        WriteResult put(PaperWrite write, Instant now) throws SQLException {
            Paper paper = write.paper();
            String metadata = PaperJson.metadata(paper.metadata());
            String sources = PaperJson.sources(paper.sources());
            String textSha256 = StoredEmbedding.textSha256(paper.embeddingText());
            select.setString(1, paper.id());
            long current = 0;
            Instant createdAt = now;
            Instant updatedAt = now;
            boolean unchanged = false;
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    current = rows.getLong(1);
                    createdAt = Timestamps.parse(rows.getString(2));
                    updatedAt = Timestamps.parse(rows.getString(3));
                    unchanged = paper.title().equals(rows.getString(4))
                            && paper.abstractText().equals(rows.getString(5))
                            && metadata.equals(rows.getString(6)) && sources.equals(rows.getString(7));
                }
            }
            if (write.expectedVersion().isPresent() && write.expectedVersion().get() != current) {
                throw new VersionConflictException(paper.id(), write.expectedVersion().get(), current);
            }
            if (write.embedding().isPresent()) {
                putEmbedding(write.embedding().get());
            }
            if (unchanged) {
                return new WriteResult(WriteResult.Outcome.UNCHANGED,
                        new StoredPaper(paper, current, createdAt, updatedAt));
            }
            String stamp = Timestamps.format(now);
            if (current == 0) {
                insert.setString(1, paper.id());
                insert.setString(2, paper.title());
                insert.setString(3, paper.abstractText());
                insert.setString(4, metadata);
                insert.setString(5, sources);
                insert.setString(6, textSha256);
                insert.setString(7, stamp);
                insert.setString(8, stamp);
                insert.executeUpdate();
                return new WriteResult(WriteResult.Outcome.CREATED, new StoredPaper(paper, 1, now, now));
            }
            update.setString(1, paper.title());
            update.setString(2, paper.abstractText());
            update.setString(3, metadata);
            update.setString(4, sources);
            update.setString(5, textSha256);
            update.setLong(6, current + 1);
            update.setString(7, stamp);
            update.setString(8, paper.id());
            update.executeUpdate();
            return new WriteResult(WriteResult.Outcome.REPLACED, new StoredPaper(paper, current + 1, createdAt, now));
        }

        void putEmbedding(StoredEmbedding embedding) throws SQLException {
            upsertEmbedding.setString(1, embedding.model());
            upsertEmbedding.setString(2, embedding.textSha256());
            upsertEmbedding.setBytes(3, VectorBytes.encode(embedding.vector()));
            upsertEmbedding.setInt(4, embedding.tokens());
            upsertEmbedding.setInt(5, embedding.tokensEmbedded());
            upsertEmbedding.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            select.close();
            insert.close();
            update.close();
            upsertEmbedding.close();
        }
    }
}
