package io.simdex.archfixtures;

import io.javalin.http.Context;

/** Breaks a rule on purpose: Javalin outside http. Only {@code ArchitectureRulesTest} looks at it. */
public final class UsesJavalin {

    /** The forbidden dependency. */
    public String path(Context ctx) {
        return ctx.path();
    }
}
