package io.simdex.corpus;

/**
 * A non-fatal parse warning: the input at {@code file:line} was skipped or adjusted, and why.
 *
 * @param file    the file name, without directory
 * @param line    the 1-based line, or 0 when the problem concerns the whole file
 * @param message what was wrong and what the loader did about it
 */
public record CorpusProblem(String file, int line, String message) {

    public CorpusProblem {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("problem file must be non-blank, got: " + file);
        }
        if (line < 0) {
            throw new IllegalArgumentException("problem line must be >= 0 (0 = whole file), got: " + line);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("problem message must be non-blank for " + file + ":" + line);
        }
    }

    /** Returns {@code file:line: message}; line 0 means the whole file. */
    public String describe() {
        return file + ":" + line + ": " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
