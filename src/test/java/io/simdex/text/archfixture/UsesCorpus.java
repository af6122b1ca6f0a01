package io.simdex.text.archfixture;

import io.simdex.corpus.Paper;

/** Breaks a rule on purpose: text, which corpus uses, using corpus back. Only {@code ArchitectureRulesTest} looks at it. */
public final class UsesCorpus {

    /** The forbidden dependency. */
    public String title(Paper paper) {
        return paper.title();
    }
}
