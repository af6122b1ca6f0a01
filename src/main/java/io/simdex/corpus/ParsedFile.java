package io.simdex.corpus;

import java.util.List;

/**
 * What one file yielded: complete title/abstract pairs and the warnings for what was skipped.
 *
 * @param file     the file name, without directory
 * @param papers   complete pairs in line order, unmodifiable
 * @param problems warnings in line order, unmodifiable
 */
public record ParsedFile(String file, List<RawPaper> papers, List<CorpusProblem> problems) {

    public ParsedFile {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("parsed file name must be non-blank, got: " + file);
        }
        papers = List.copyOf(papers);
        problems = List.copyOf(problems);
    }
}
