package io.simdex.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Snapshots of a store file: a consistent copy with a sha256sum-style checksum beside it, and the checked, atomic
 * replacement of a store file by one. Every file is fsynced before it is renamed into place, and the folder after.
 */
final class Snapshots {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    /** SQLite's companion files of a database: they belong to the file they sit beside, never to a restored one. */
    private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

    private Snapshots() {
    }

    /** The checksum file of a snapshot: its name plus {@code .sha256}. */
    static Path checksumFile(Path snapshot) {
        return snapshot.resolveSibling(snapshot.getFileName() + ".sha256");
    }

    /** See {@link PaperStore#snapshot(Path)}. */
    static void write(Path store, Path out) {
        Path target = out.toAbsolutePath().normalize();
        Path checksum = checksumFile(target);
        refuseExisting(target);
        refuseExisting(checksum);
        Path dir = target.getParent();
        Path temp = null;
        long start = System.nanoTime();
        try {
            Files.createDirectories(dir);
            // VACUUM INTO accepts an empty file
            temp = Files.createTempFile(dir, target.getFileName() + ".", ".partial");
            try (Connection connection = PaperStore.connect(store);
                    PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, temp.toString());
                vacuum.execute();
            }
            force(temp);
            String hex = sha256(temp);
            refuseExisting(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            writeAtomically(checksum, hex + "  " + target.getFileName() + "\n");
            forceFolder(dir);
            LOG.info("snapshot of {} written to {} ({} bytes) in {} ms", store, target, Files.size(target),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw PaperStore.failure(store, "write a snapshot to " + target, e);
        } catch (IOException e) {
            throw new SnapshotException("cannot write the snapshot " + target + ": " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** See {@link PaperStore#restore(Path, Path)}. */
    static void restore(Path snapshot, Path target) {
        Path source = snapshot.toAbsolutePath().normalize();
        Path into = target.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new SnapshotException("there is no snapshot file " + source);
        }
        Path checksumFile = checksumFile(source);
        if (!Files.isRegularFile(checksumFile)) {
            throw new SnapshotException(source + " has no checksum file " + checksumFile.getFileName()
                    + " beside it: only a verified snapshot is restored; restore another snapshot");
        }
        String expected = readChecksum(checksumFile);
        Path dir = into.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, into.getFileName() + ".", ".restoring");
            // the bytes checked are the bytes renamed into place: hashed while they are copied
            String actual = copyAndHash(source, temp);
            if (!actual.equals(expected)) {
                throw new SnapshotException(source + " does not match its checksum (" + checksumFile.getFileName()
                        + " says " + expected + ", the file hashes to " + actual + "): it is damaged or"
                        + " incomplete; restore another snapshot");
            }
            check(temp, source);
            for (String companion : COMPANIONS) {
                Files.deleteIfExists(companionOf(temp, companion));
                // SQLite would apply the old store's log to the restored file: remove it before the rename
                Files.deleteIfExists(companionOf(into, companion));
            }
            Files.move(temp, into, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder(dir);
            LOG.info("restored {} from the snapshot {}", into, source);
        } catch (IOException e) {
            throw new SnapshotException("cannot restore " + into + " from " + source + ": " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
                for (String companion : COMPANIONS) {
                    deleteQuietly(companionOf(temp, companion));
                }
            }
        }
    }

    /** Runs quick_check on the copy and checks that it is a simdex store; messages name the snapshot. */
    private static void check(Path copy, Path snapshot) {
        try (Connection connection = PaperStore.connect(copy)) {
            List<String> problems = PaperStore.quickCheckProblems(connection);
            if (!problems.isEmpty()) {
                throw new SnapshotException(snapshot + " matches its checksum but is damaged (quick_check: "
                        + String.join("; ", problems).replaceAll("\\s+", " ") + "): restore another snapshot");
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
                    ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SnapshotException(snapshot + " is a SQLite database but not a simdex store: restore"
                            + " another snapshot");
                }
            }
        } catch (SQLException e) {
            String problem = (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_NOTADB.code
                    ? "is not a SQLite database" : "cannot be read by SQLite (" + e.getMessage() + ")";
            throw new SnapshotException(snapshot + " matches its checksum but " + problem
                    + ": restore another snapshot", e);
        }
    }

    private static String readChecksum(Path checksumFile) {
        String line;
        try {
            line = Files.readString(checksumFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SnapshotException("cannot read the checksum file " + checksumFile + ": " + e, e);
        }
        String hex = line.split("\\s+", 2)[0];
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new SnapshotException(checksumFile + " is not a sha256sum line ('<64 hex digits>  <file name>'):"
                    + " restore another snapshot");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static void refuseExisting(Path file) {
        if (Files.exists(file)) {
            throw new SnapshotException(file + " already exists, and snapshots are never overwritten: choose"
                    + " another name");
        }
    }

    private static Path companionOf(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies {@code from} over {@code to}, fsyncs it, and returns the SHA-256 of the bytes copied. */
    private static String copyAndHash(Path from, Path to) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = Files.newOutputStream(to, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        force(to);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".partial");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            force(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename in {@code dir} durable; a platform that cannot fsync a folder (Windows) is skipped. */
    private static void forceFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync the folder {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove the temporary file {}: {}", file, e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
