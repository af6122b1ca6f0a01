package io.simdex.store;

import java.nio.file.Path;

/** The database was written by a newer simdex, whose schema this one does not know; nothing was changed. */
public final class NewerSchemaException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final int found;
    private final int known;

    NewerSchemaException(Path file, int found, int known) {
        super(file + " has schema version " + found + ", but this simdex knows versions up to " + known
                + ": run a newer simdex, or restore a snapshot made by this one with `simdex restore`");
        this.found = found;
        this.known = known;
    }

    /** The schema version of the file. */
    public int found() {
        return found;
    }

    /** The newest schema version this code can read and write. */
    public int known() {
        return known;
    }
}
