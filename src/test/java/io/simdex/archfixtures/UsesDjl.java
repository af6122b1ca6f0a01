package io.simdex.archfixtures;

import ai.djl.ndarray.types.Shape;

/** Breaks a rule on purpose: DJL outside encode. Only {@code ArchitectureRulesTest} looks at it. */
public final class UsesDjl {

    /** The forbidden dependency. */
    public long size(Shape shape) {
        return shape.size();
    }
}
