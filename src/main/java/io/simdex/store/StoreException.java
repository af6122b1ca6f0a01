package io.simdex.store;

/** The store could not do what was asked (the file cannot be opened, a disk error); the message names the file. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
