package io.simdex.eval;

/** An evaluation file is missing or malformed; the message names the file and line. */
public final class EvalDataException extends RuntimeException {

    public EvalDataException(String message) {
        super(message);
    }
}
