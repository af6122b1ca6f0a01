package io.simdex.corpus;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable set of unique papers sorted by id, plus the warnings met while loading them.
 *
 * <p>A final class rather than a record so that the id lookup map is built once, in the constructor.
 * Accessors keep record-style names: {@link #papers()}, {@link #problems()}.
 */
public final class Corpus implements Papers {

    private final List<Paper> papers;
    private final List<CorpusProblem> problems;
    private final Map<String, Paper> byId;

    /**
     * Creates a corpus; papers are sorted by id, and both lists are copied.
     *
     * @throws IllegalArgumentException if a list is null or two papers share an id
     */
    public Corpus(List<Paper> papers, List<CorpusProblem> problems) {
        Objects.requireNonNull(papers, "papers");
        Objects.requireNonNull(problems, "problems");
        this.papers = papers.stream().sorted(Comparator.comparing(Paper::id)).toList();
        this.problems = List.copyOf(problems);
        Map<String, Paper> index = new HashMap<>(this.papers.size() * 2);
        for (Paper paper : this.papers) {
            Paper previous = index.putIfAbsent(paper.id(), paper);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate paper id '" + paper.id() + "' for titles \""
                        + previous.title() + "\" and \"" + paper.title() + "\"");
            }
        }
        this.byId = Map.copyOf(index);
    }

    /** The papers, sorted by id, unmodifiable. */
    @Override
    public List<Paper> papers() {
        return papers;
    }

    /** Warnings met while loading, in file then line order, unmodifiable. */
    public List<CorpusProblem> problems() {
        return problems;
    }

    /** The paper with this id, or empty if there is none (also for a null id). */
    @Override
    public Optional<Paper> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** The number of papers. */
    @Override
    public int size() {
        return papers.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Corpus that && papers.equals(that.papers) && problems.equals(that.problems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(papers, problems);
    }

    @Override
    public String toString() {
        return "Corpus[" + papers.size() + " papers, " + problems.size() + " problems]";
    }
}
