package io.simdex.ingest;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Papers;
import io.simdex.store.StoredPaper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The papers of a live collection, by id, with their versions; changed only by {@link LiveCollection}. */
final class LivePapers implements Papers {

    private final Map<String, StoredPaper> byId = new ConcurrentHashMap<>();

    @Override
    public Optional<Paper> find(String id) {
        return stored(id).map(StoredPaper::paper);
    }

    Optional<StoredPaper> stored(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** A snapshot sorted by id; costs a sort of every paper, so for tools and commands, not per request. */
    @Override
    public List<Paper> papers() {
        return byId.values().stream().map(StoredPaper::paper).sorted(Comparator.comparing(Paper::id)).toList();
    }

    @Override
    public int size() {
        return byId.size();
    }

    void put(StoredPaper paper) {
        byId.put(paper.paper().id(), paper);
    }

    void remove(String id) {
        byId.remove(id);
    }
}
