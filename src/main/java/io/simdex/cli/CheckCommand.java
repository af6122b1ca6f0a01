package io.simdex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.simdex.search.InvalidQueryException;
import io.simdex.search.QueryText;

import java.util.concurrent.Callable;

/** {@code simdex check}: whether a title and abstract duplicate a paper, as {@code POST /api/duplicates/check} answers. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check whether a text duplicates a paper of the corpus; print the verdict and matches as JSON "
                + "(the body of POST /api/duplicates/check).")
public final class CheckCommand extends ServiceCommand implements Callable<Integer> {

    @Option(names = "--title", paramLabel = "TEXT", description = "The title.")
    String title;

    @Option(names = "--abstract", paramLabel = "TEXT", description = "The abstract.")
    String abstractText;

    @Option(names = "--text", paramLabel = "TEXT", description = "Any text, instead of --title and --abstract.")
    String text;

    @Option(names = {"-k", "--k"}, paramLabel = "N", description = "Most matches (default: dedup.matches, 5).")
    Integer k;

    @Option(names = "--explain", description = "Add each match's best-matching sentence pair.")
    boolean explain;

    @Override
    public Integer call() {
        return answer(app -> {
            String query = QueryText.of(text, title, abstractText);
            int matches = k == null ? app.duplicates().options().matches() : k;
            if (matches < 1) {
                throw new InvalidQueryException("k", "-k must be at least 1, got " + matches);
            }
            return json(app.duplicates().check(query, matches, explain));
        }, System.out);
    }
}
