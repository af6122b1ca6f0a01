package io.simdex.corpus;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An allow-list over paper ids that is made of conditions on the papers' metadata, and says which: a store that
 * indexes metadata (Elasticsearch) runs the conditions itself instead of calling {@link #test} per candidate.
 * {@link #test} stays the meaning; the store's query must accept the same papers.
 */
public interface MetadataPredicate extends Predicate<String> {

    /** Every condition a paper must meet; none means every paper. */
    List<Condition> conditions();

    /**
     * One condition, as a filter names it.
     *
     * @param field    the metadata field
     * @param operator one of {@link #OPERATORS}: equal, at least, above, at most, below
     * @param value    text, a number or true/false; numbers compare by value, text by character order, and
     *                 equality also holds when a list field has one such element
     */
    record Condition(String field, String operator, Object value) {

        /** The operators, as JSON filters name them. */
        public static final Set<String> OPERATORS = Set.of("eq", "gte", "gt", "lte", "lt");

        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            if (!OPERATORS.contains(operator)) {
                throw new IllegalArgumentException("operator must be one of " + OPERATORS + ", got " + operator);
            }
        }
    }
}
