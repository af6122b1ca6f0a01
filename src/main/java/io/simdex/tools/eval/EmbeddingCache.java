package io.simdex.tools.eval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.encode.Embedding;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The evaluation's embeddings kept on disk between runs, so a second {@code simdex eval} with the same texts and
 * model does not re-encode (the service keeps its vectors in the store instead).
 *
 * <p>One file holds the vectors of one model identity ({@link io.simdex.encode.Encoder#modelId()}), each
 * under the SHA-256 of the exact text that was embedded. A file made by another model, with another
 * dimension, cut short, or whose CRC-32 does not match is never trusted: {@link #load()} logs why and
 * returns nothing, and the caller re-encodes. Writes go to a temporary file that is then moved into place,
 * so a crash mid-write leaves the old file or none, never half of one.
 *
 * <p>Layout (big-endian): magic {@code SIMDEXVC}, format version, model id (modified UTF-8), dimension,
 * count, then per entry the 32-byte text hash, token count, embedded-token count and {@code dimension}
 * floats; last, the CRC-32 of everything before it.
 */
public final class EmbeddingCache {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final byte[] MAGIC = "SIMDEXVC".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    private static final int HASH_BYTES = 32;

    private final Path file;
    private final String modelId;
    private final int dimension;

    /**
     * @param file where the cache lives; its folder is created on the first save
     * @param modelId the identity of the model whose vectors this file may hold
     * @param dimension the length of every vector
     */
    public EmbeddingCache(Path file, String modelId, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.file = file;
        this.modelId = modelId;
        this.dimension = dimension;
    }

    /** The cache file for one model and one named set of texts (a corpus, an evaluation set) under {@code dir}. */
    public static Path fileFor(Path dir, String modelName, String modelId, String namespace) {
        return dir.resolve(modelName).resolve(namespace + "-" + sha256Hex(modelId).substring(0, 12) + ".vec");
    }

    /** The key a text is stored under: the hex SHA-256 of its UTF-8 bytes. */
    public static String key(String text) {
        return sha256Hex(text);
    }

    public Path file() {
        return file;
    }

    /**
     * Reads every entry.
     *
     * @return text key to embedding; empty when the file is absent, stale or corrupt (the reason is logged)
     */
    public Map<String, Embedding> load() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return read();
        } catch (StaleCacheException e) {
            LOG.info("embedding cache {} is for another model ({}); it will be rebuilt", file, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedding cache {} is unreadable ({}); it will be rebuilt", file, e.getMessage());
        }
        return Map.of();
    }

    private Map<String, Embedding> read() throws IOException {
        long size = Files.size(file);
        var crc = new CRC32();
        try (var in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), crc))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a simdex embedding cache (bad magic)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new StaleCacheException("format version " + version + ", expected " + FORMAT_VERSION);
            }
            String storedModel = in.readUTF();
            int storedDimension = in.readInt();
            if (!storedModel.equals(modelId) || storedDimension != dimension) {
                throw new StaleCacheException("made by " + storedModel + " with dimension " + storedDimension);
            }
            int count = in.readInt();
            long entryBytes = HASH_BYTES + 8L + 4L * dimension;
            if (count < 0 || count * entryBytes > size) {
                throw new IOException("header claims " + count + " entries but the file has " + size + " bytes");
            }
            var entries = new HashMap<String, Embedding>(Math.max(16, count * 4 / 3 + 1));
            byte[] hash = new byte[HASH_BYTES];
            for (int i = 0; i < count; i++) {
                in.readFully(hash);
                int tokens = in.readInt();
                int embedded = in.readInt();
                float[] vector = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    vector[d] = in.readFloat();
                    if (!Float.isFinite(vector[d])) {
                        throw new IOException("entry " + i + " holds a non-finite value");
                    }
                }
                entries.put(HexFormat.of().formatHex(hash), new Embedding(vector, tokens, embedded));
            }
            long expected = crc.getValue();
            long stored = in.readLong();
            if (stored != expected) {
                throw new IOException("checksum mismatch");
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the checksum");
            }
            return entries;
        } catch (EOFException e) {
            throw new IOException("file ends early", e);
        }
    }

    /**
     * Replaces the file with exactly these entries.
     *
     * @param entries text key ({@link #key(String)}) to embedding, each of this cache's dimension
     * @throws UncheckedIOException when the file cannot be written
     */
    public void save(Map<String, Embedding> entries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try {
                write(tmp, entries);
                move(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Path tmp, Map<String, Embedding> entries) throws IOException {
        var crc = new CRC32();
        try (var raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
             var out = new DataOutputStream(new CheckedOutputStream(raw, crc))) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(modelId);
            out.writeInt(dimension);
            out.writeInt(entries.size());
            for (var e : entries.entrySet()) {
                float[] v = e.getValue().vector();
                if (v.length != dimension) {
                    throw new IllegalArgumentException("vector for " + e.getKey() + " has dimension " + v.length
                            + ", expected " + dimension);
                }
                out.write(HexFormat.of().parseHex(e.getKey()));
                out.writeInt(e.getValue().tokens());
                out.writeInt(e.getValue().tokensEmbedded());
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
            out.flush();
            long checksum = crc.getValue();
            new DataOutputStream(raw).writeLong(checksum);
        }
    }

    private void move(Path tmp) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The file is intact but belongs to another model or format; rebuilding is routine, not a fault. */
    private static final class StaleCacheException extends IOException {

        private static final long serialVersionUID = 1L;

        StaleCacheException(String message) {
            super(message);
        }
    }
}
