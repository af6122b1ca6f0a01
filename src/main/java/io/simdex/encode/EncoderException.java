package io.simdex.encode;

/** The model could not be loaded or failed on an input; the message says which and why. */
public final class EncoderException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    public EncoderException(String message) {
        super(message);
    }

    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
