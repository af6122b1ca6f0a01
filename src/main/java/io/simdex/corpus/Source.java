package io.simdex.corpus;

/**
 * Where a paper was read: a file name (no directory) and the 1-based line of its title.
 *
 * @param file the page or JSONL file name, without directory
 * @param line the 1-based line where the paper's title (or JSONL object) stands
 */
public record Source(String file, int line) implements Comparable<Source> {

    public Source {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("source file must be a non-blank file name, got: " + file);
        }
        if (file.contains("/") || file.contains("\\")) {
            throw new IllegalArgumentException("source file must be a name without directory, got: " + file);
        }
        if (line < 1) {
            throw new IllegalArgumentException("source line must be >= 1, got: " + line + " in " + file);
        }
    }

    /** Orders by file name, then line: the order in which sources of one paper are listed. */
    @Override
    public int compareTo(Source other) {
        int byFile = file.compareTo(other.file);
        return byFile != 0 ? byFile : Integer.compare(line, other.line);
    }

    /** Returns {@code file:line}. */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
