package io.simdex.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks {@code store.path} before SQLite opens it, so a folder given for the file, a folder this user may not write
 * and a file it may not read each get one line that names {@code store.path} and the fix.
 */
final class StoreLocation {

    private static final String ELSEWHERE = "or set store.path to a file in a folder this user may write";

    private StoreLocation() {
    }

    /**
     * Creates the folder of {@code path} if need be, and checks that the database, its journal and the files kept
     * beside it can be written there.
     *
     * @throws StoreException naming {@code store.path} and what to change
     */
    static void check(Path path) {
        if (Files.isDirectory(path)) {
            throw new StoreException("store.path " + path + " is a folder, not a database file: set store.path to"
                    + " a file, e.g. " + path.resolve("simdex.db"));
        }
        Path folder = path.getParent();
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("store.path " + path + ": " + e.getFile() + " is a file, so the folder "
                    + folder + " cannot be created; " + ELSEWHERE, e);
        } catch (IOException e) {
            throw new StoreException("store.path " + path + ": cannot create its folder " + folder + " ("
                    + reason(e) + "); create it, " + ELSEWHERE, e);
        }
        if (!Files.isWritable(folder)) {
            throw new StoreException("store.path " + path + ": this user may not write in its folder " + folder
                    + " (the database keeps its journal and search index beside it); make the folder writable, "
                    + ELSEWHERE);
        }
        if (Files.exists(path) && !(Files.isReadable(path) && Files.isWritable(path))) {
            throw new StoreException("store.path " + path + " exists but this user may not read and write it:"
                    + " give this user read and write permission on it, " + ELSEWHERE);
        }
    }

    /** An I/O failure in words, without the exception's class name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
