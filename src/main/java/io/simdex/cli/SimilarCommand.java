package io.simdex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.simdex.api.ApiResponses;
import io.simdex.search.Duplicates;
import io.simdex.search.InvalidQueryException;
import io.simdex.search.RelatedOptions;
import io.simdex.search.ResultFilter;
import io.simdex.search.SearchResult;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code simdex similar <id>}: the papers most like one paper, as {@code GET /api/papers/{id}/similar} answers. */
@Command(name = "similar", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the papers most like a paper of the corpus, as JSON (the body of "
                + "GET /api/papers/{id}/similar).")
public final class SimilarCommand extends ServiceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The paper's id, as GET /api/search returns it.")
    String id;

    @Option(names = {"-k", "--k"}, paramLabel = "N", description = "How many papers (default 10).")
    int k = 10;

    @Option(names = "--min-score", paramLabel = "X", description = "Drop papers scoring below this cosine.")
    float minScore = ResultFilter.NO_MIN_SCORE;

    @Option(names = "--max-score", paramLabel = "X",
            description = "Drop papers scoring above this cosine, e.g. 0.95 to skip exact duplicates.")
    float maxScore = ResultFilter.NO_MAX_SCORE;

    @Option(names = "--exclude", split = ",", paramLabel = "ID", description = "Papers to leave out (comma-separated).")
    List<String> exclude = List.of();

    @Option(names = "--explain", description = "Add each match's best-matching sentence pair.")
    boolean explain;

    @Option(names = "--duplicates", paramLabel = "exclude|include|mark",
            description = "What to do with the paper's duplicates: leave them out (default), rank them, or rank "
                    + "and mark them.")
    String duplicates = Duplicates.byDefault().label();

    @Option(names = "--diversity", paramLabel = "X",
            description = "0 (default) ranks by cosine alone; up to 1, maximal marginal relevance trades closeness "
                    + "for variety.")
    float diversity;

    @Override
    public Integer call() {
        return answer(app -> {
            ResultFilter filter = Filters.of(k, minScore, maxScore, new LinkedHashSet<>(exclude), explain);
            Duplicates policy = Duplicates.byLabel(duplicates.strip()).orElseThrow(() -> new InvalidQueryException(
                    "duplicates", "--duplicates takes " + Duplicates.labels() + ", got '" + duplicates + "'"));
            if (!(diversity >= 0f && diversity <= 1f)) {
                throw new InvalidQueryException("diversity", "--diversity must be from 0 to 1, got " + diversity);
            }
            SearchResult result = app.search().similar(id, filter,
                    new RelatedOptions(policy, app.duplicates().rule(), diversity));
            return json(new ApiResponses.Similar(id, k, 0, result.matches(), result.tookMillis()));
        }, System.out);
    }
}
