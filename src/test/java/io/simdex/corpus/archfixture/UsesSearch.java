package io.simdex.corpus.archfixture;

import io.simdex.search.SearchMode;

/** Breaks a rule on purpose: the corpus stage reaching forward to search. Only {@code ArchitectureRulesTest} looks at it. */
public final class UsesSearch {

    /** The forbidden dependency. */
    public String label(SearchMode mode) {
        return mode.label();
    }
}
