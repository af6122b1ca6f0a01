package io.simdex.search.archfixture;

import com.fasterxml.jackson.databind.JsonNode;

/** Breaks a rule on purpose: JSON inside a use case. Only {@code ArchitectureRulesTest} looks at it. */
public final class UsesJackson {

    /** The forbidden dependency. */
    public String text(JsonNode node) {
        return node.asText();
    }
}
