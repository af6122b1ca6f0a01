package io.simdex.tools.eval;

/** An evaluation file is missing or malformed; the message names the file and line. */
public final class EvalDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EvalDataException(String message) {
        super(message);
    }
}
