package io.simdex.archfixtures;

import io.simdex.tools.eval.Spearman;

/** Breaks a rule on purpose: service code using a tool. Only {@code ArchitectureRulesTest} looks at it. */
public final class UsesTools {

    /** The forbidden dependency. */
    public double rho(double[] a, double[] b) {
        return Spearman.correlation(a, b);
    }
}
