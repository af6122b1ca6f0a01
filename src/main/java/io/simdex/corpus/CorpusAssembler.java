package io.simdex.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges parsed files into one {@link Corpus}: one paper per id the input gave, one per distinct title among the
 * entries without one, every source kept, stable ids.
 *
 * <p>Everything happens in source order (file name, then line), never in the order files were given, so
 * the result depends only on the files' names and contents.
 * <ul>
 *   <li>An explicit id (JSONL or CSV {@code id}/{@code _id}) names its paper: papers with different ids are
 *       never merged, even under one title. Entries with the same id in several files are one paper; the first
 *       wins, and a later one that differs gets a problem.</li>
 *   <li>An entry without an id (a page entry, a JSONL line without one) joins the first paper with an explicit
 *       id and the same title; else entries are merged by title (by abstract when they have no title). Their
 *       sources are all kept; the abstract of the first source wins, and each later source with a different
 *       abstract gets a problem.</li>
 *   <li>Papers without an explicit id get a {@link PaperIds} slug id (of the title, or of the abstract when
 *       there is no title) that avoids the explicit ids.</li>
 *   <li>Metadata is merged field by field: the first value of a field wins, and a later different one gets a
 *       problem.</li>
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

        Map<String, List<RawPaper>> byId = new LinkedHashMap<>();
        Map<String, String> firstIdOfTitle = new HashMap<>();
        List<RawPaper> unnamed = new ArrayList<>();
        for (RawPaper paper : raw) {
            if (paper.id().isPresent()) {
                String id = paper.id().get();
                byId.computeIfAbsent(id, key -> new ArrayList<>()).add(paper);
                if (!paper.title().isEmpty()) {
                    firstIdOfTitle.putIfAbsent(paper.title(), id);
                }
            } else {
                unnamed.add(paper);
            }
        }
        Map<String, List<RawPaper>> byKey = new LinkedHashMap<>();
        for (RawPaper paper : unnamed) {
            String id = paper.title().isEmpty() ? null : firstIdOfTitle.get(paper.title());
            if (id != null) {
                byId.get(id).add(paper);
            } else {
                byKey.computeIfAbsent(paper.mergeKey(), key -> new ArrayList<>()).add(paper);
            }
        }

        // Slug ids: of the title, or of the abstract for papers without one.
        Map<String, String> slugSourceOfKey = new LinkedHashMap<>();
        for (List<RawPaper> sameKey : byKey.values()) {
            RawPaper first = sameKey.get(0);
            String source = first.title();
            if (source.isEmpty()) {
                // an abstract that happens to equal another paper's title must not share its id
                source = byKey.containsKey(first.abstractText()) ? "untitled " + first.abstractText()
                        : first.abstractText();
            }
            slugSourceOfKey.put(first.mergeKey(), source);
        }
        Map<String, String> slugs = PaperIds.assign(slugSourceOfKey.values(), byId.keySet());

        List<Paper> papers = new ArrayList<>(byId.size() + byKey.size());
        byId.forEach((id, entries) -> papers.add(merge(id, entries, true, problems)));
        byKey.forEach((key, entries) -> papers.add(merge(slugs.get(slugSourceOfKey.get(key)), entries, false,
                problems)));
        problems.sort(PROBLEM_ORDER);
        return new Corpus(papers, problems);
    }

    private static Paper merge(String id, List<RawPaper> entries, boolean explicitId, List<CorpusProblem> problems) {
        entries.sort(Comparator.comparing(RawPaper::source));
        RawPaper first = entries.get(0);
        String title = entries.stream().map(RawPaper::title).filter(t -> !t.isEmpty()).findFirst().orElse("");
        Map<String, Object> metadata = new LinkedHashMap<>(first.metadata());
        for (RawPaper later : entries.subList(1, entries.size())) {
            String what = explicitId ? "same id '" + id + "' as " : "same title as ";
            if (explicitId && !later.title().isEmpty() && !later.title().equals(title)) {
                problems.add(problemAt(later.source(), what + first.source() + " but another title; kept the title"
                        + " from " + first.source()));
            }
            if (!later.abstractText().equals(first.abstractText())) {
                problems.add(problemAt(later.source(), what + first.source() + " but a different abstract; kept the"
                        + " abstract from " + first.source()));
            }
            for (var field : later.metadata().entrySet()) {
                if (!metadata.containsKey(field.getKey())) {
                    metadata.put(field.getKey(), field.getValue());
                } else if (!Objects.equals(metadata.get(field.getKey()), field.getValue())) {
                    problems.add(problemAt(later.source(), "field \"" + field.getKey() + "\" differs from the one"
                            + " read earlier for paper '" + id + "'; kept the first"));
                }
            }
        }
        return new Paper(id, title, first.abstractText(), entries.stream().map(RawPaper::source).toList(), metadata);
    }

    private static CorpusProblem problemAt(Source source, String message) {
        return new CorpusProblem(source.file(), source.line(), message);
    }
}
