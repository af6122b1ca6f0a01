package io.simdex.config;

/** A setting is missing, unknown or out of range; the message names it and what it accepts. */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
