package io.simdex.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges parsed files into one {@link Corpus}: one paper per distinct title, with every source, stable ids.
 *
 * <p>Everything happens in source order (file name, then line), never in the order files were given, so
 * the result depends only on the files' names and contents.
 * <ul>
 *   <li>Same paper = same title after whitespace normalization. Its sources are all kept; the abstract of
 *       the first source wins, and each later source with a different abstract gets a problem.</li>
 *   <li>An explicit (JSONL) id is used as given. If one title carries two ids, the first is kept; if an id
 *       is already used by an earlier different title, the later title gets a slug id instead. Both give a
 *       problem.</li>
 *   <li>Every other paper gets a {@link PaperIds} slug id that avoids the explicit ids.</li>
 * </ul>
 */
final class CorpusAssembler {

    private static final Comparator<CorpusProblem> PROBLEM_ORDER =
            Comparator.comparing(CorpusProblem::file).thenComparingInt(CorpusProblem::line);

    private CorpusAssembler() {
    }

    /** Merges the files, given in any order, into a corpus (which may be empty). */
    static Corpus assemble(List<ParsedFile> files) {
        List<CorpusProblem> problems = new ArrayList<>();
        List<RawPaper> raw = new ArrayList<>();
        for (ParsedFile file : files) {
            problems.addAll(file.problems());
            raw.addAll(file.papers());
        }
        raw.sort(Comparator.comparing(RawPaper::source));

        Map<String, List<RawPaper>> byTitle = new LinkedHashMap<>();
        for (RawPaper paper : raw) {
            byTitle.computeIfAbsent(paper.title(), title -> new ArrayList<>()).add(paper);
        }

        Map<String, String> explicitIds = claimExplicitIds(byTitle, problems);
        List<String> unnamed = byTitle.keySet().stream().filter(title -> !explicitIds.containsKey(title)).toList();
        Map<String, String> ids = new HashMap<>(PaperIds.assign(unnamed, new HashSet<>(explicitIds.values())));
        ids.putAll(explicitIds);

        List<Paper> papers = new ArrayList<>(byTitle.size());
        for (List<RawPaper> sameTitle : byTitle.values()) {
            papers.add(merge(ids.get(sameTitle.get(0).title()), sameTitle, problems));
        }
        problems.sort(PROBLEM_ORDER);
        return new Corpus(papers, problems);
    }

    private static Paper merge(String id, List<RawPaper> sameTitle, List<CorpusProblem> problems) {
        RawPaper first = sameTitle.get(0);
        for (RawPaper later : sameTitle.subList(1, sameTitle.size())) {
            if (!later.abstractText().equals(first.abstractText())) {
                problems.add(problemAt(later.source(), "same title as " + first.source()
                        + " but a different abstract; kept the abstract from " + first.source()));
            }
        }
        return new Paper(id, first.title(), first.abstractText(),
                sameTitle.stream().map(RawPaper::source).toList());
    }

    /** Title → explicit id, for titles whose explicit id could be honoured. */
    private static Map<String, String> claimExplicitIds(Map<String, List<RawPaper>> byTitle,
                                                       List<CorpusProblem> problems) {
        Map<String, RawPaper> owner = new HashMap<>();
        Map<String, String> claimed = new HashMap<>();
        for (List<RawPaper> sameTitle : byTitle.values()) {
            Optional<RawPaper> named = sameTitle.stream().filter(paper -> paper.id().isPresent()).findFirst();
            if (named.isEmpty()) {
                continue;
            }
            String id = named.get().id().orElseThrow();
            for (RawPaper other : sameTitle) {
                if (other.id().isPresent() && !other.id().get().equals(id)) {
                    problems.add(problemAt(other.source(), "id '" + other.id().get() + "' ignored: the same title has id '"
                            + id + "' at " + named.get().source()));
                }
            }
            RawPaper previous = owner.putIfAbsent(id, named.get());
            if (previous != null) {
                problems.add(problemAt(named.get().source(), "id '" + id + "' already used at " + previous.source()
                        + " for a different title; this paper gets a slug id instead"));
                continue;
            }
            claimed.put(named.get().title(), id);
        }
        return claimed;
    }

    private static CorpusProblem problemAt(Source source, String message) {
        return new CorpusProblem(source.file(), source.line(), message);
    }
}
