package io.simdex.encode;

/** The model could not be loaded or failed on an input; the message says which and why. */
public final class EncoderException extends RuntimeException {
    public EncoderException(String message) {
        super(message);
    }

    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
