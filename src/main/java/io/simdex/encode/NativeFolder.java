package io.simdex.encode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the tokenizer's native library is unpacked: a {@code djl} folder beside the model folder, so it is unpacked
 * once; a fresh temporary folder, with one warning, when that one cannot be written; an error only when neither
 * works.
 */
final class NativeFolder {

    private static final Logger LOG = LoggerFactory.getLogger(NativeFolder.class);

    /** The folder, inside the preferred one, that already holds an unpacked tokenizer library. */
    private static final String UNPACKED = "tokenizers";

    private NativeFolder() {
    }

    /**
     * The folder to unpack into: {@code preferred} when it can be written, or already holds what an earlier run
     * unpacked; else a new folder under {@code temp}, deleted when the JVM exits.
     *
     * @throws EncoderException if neither can be used
     */
    static Path choose(Path preferred, Path temp) {
        if (writable(preferred) || unpackedBefore(preferred)) {
            return preferred;
        }
        Path fallback;
        try {
            fallback = Files.createTempDirectory(temp, "simdex-native-");
        } catch (IOException | SecurityException e) {
            throw new EncoderException("cannot unpack the tokenizer's native library: " + preferred + " (beside the"
                    + " model folder, in model.cache-dir) cannot be written, nor can the temporary folder " + temp
                    + "; make model.cache-dir writable for this user, or set it to a writable folder", e);
        }
        deleteOnExit(fallback);
        LOG.warn("model.cache-dir: {} (beside the model folder) cannot be written, so the tokenizer's native library"
                + " is unpacked into {} for this run; make the folder writable, or set model.cache-dir to a writable"
                + " one, to unpack it once", preferred, fallback);
        return fallback;
    }

    /** Whether {@code dir} exists, or can be created, and this user may write into it. */
    static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
        return Files.isDirectory(dir) && Files.isWritable(dir);
    }

    private static boolean unpackedBefore(Path dir) {
        Path unpacked = dir.resolve(UNPACKED);
        if (!Files.isDirectory(unpacked)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(unpacked)) {
            return files.anyMatch(Files::isRegularFile);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return false;
        }
    }

    private static void deleteOnExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // best effort: the folder is in the temporary folder, which the system cleans too
            }
        }, "simdex-native-cleanup"));
    }
}
