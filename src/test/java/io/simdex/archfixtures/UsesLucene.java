package io.simdex.archfixtures;

import org.apache.lucene.index.Term;

/** Breaks a rule on purpose: Lucene outside lexical. Only {@code ArchitectureRulesTest} looks at it. */
public final class UsesLucene {

    /** The forbidden dependency. */
    public String text(Term term) {
        return term.text();
    }
}
