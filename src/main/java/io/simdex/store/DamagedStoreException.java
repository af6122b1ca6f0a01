package io.simdex.store;

import java.nio.file.Path;

/**
 * The database file is damaged or is not a SQLite database at all; its message is one line that names the file
 * and says to restore a snapshot. The file is left exactly as it was found.
 */
public final class DamagedStoreException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param problem what is wrong, as it reads after the file name ("is damaged (…)"); squeezed to one line
     */
    DamagedStoreException(Path file, String problem, Throwable cause) {
        super(message(file, problem), cause);
        this.file = file.toString();
    }

    /** The damaged file. */
    public Path file() {
        return Path.of(file);
    }

    private static String message(Path file, String problem) {
        String oneLine = problem.replaceAll("\\s+", " ").strip();
        if (oneLine.length() > 240) {
            oneLine = oneLine.substring(0, 240) + "…";
        }
        return file + " " + oneLine + "; the file was left as it is: restore a snapshot with `simdex restore`";
    }
}
