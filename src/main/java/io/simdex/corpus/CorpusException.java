package io.simdex.corpus;

/** The corpus location cannot be loaded: missing, unsupported, unreadable, or holding no papers. */
public final class CorpusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
