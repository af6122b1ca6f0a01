package io.simdex;

import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;

import java.util.List;

/** The bundled corpus, loaded once for every dedup test that wants real abstracts. */
public final class BundledPapers {

    private static final List<Paper> PAPERS = CorpusLoader.load(CorpusLoader.BUNDLED).papers();

    private BundledPapers() {
    }

    /** All papers of the bundled pages, in id order. */
    public static List<Paper> all() {
        return PAPERS;
    }

    /** The bundled paper with this id; fails the test if the corpus no longer has it. */
    public static Paper byId(String id) {
        return PAPERS.stream().filter(paper -> paper.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("bundled corpus has no paper " + id));
    }
}
