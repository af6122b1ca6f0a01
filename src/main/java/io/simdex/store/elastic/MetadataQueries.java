package io.simdex.store.elastic;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import io.simdex.corpus.MetadataPredicate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Metadata conditions as Elasticsearch filters over the families {@link PaperDocuments} writes, accepting the
 * papers {@code MetadataFilter} accepts: numbers (and texts that are numbers) compare by value, other texts by
 * character order, true/false only for equality, and list elements only for equality.
 */
final class MetadataQueries {

    private MetadataQueries() {
    }

    /** The filters for the conditions (all must hold) and the ids to leave out. */
    static List<Query> filters(List<MetadataPredicate.Condition> conditions, Set<String> exclude) {
        var filters = new ArrayList<Query>(conditions.size() + 1);
        for (MetadataPredicate.Condition condition : conditions) {
            filters.add(condition(condition));
        }
        if (!exclude.isEmpty()) {
            filters.add(Query.of(q -> q.bool(b -> b.mustNot(n -> n.ids(i -> i.values(List.copyOf(exclude)))))));
        }
        return filters;
    }

    private static Query condition(MetadataPredicate.Condition condition) {
        String field = PaperDocuments.fieldName(condition.field());
        Object value = condition.value();
        BigDecimal number = PaperDocuments.number(value);
        var either = new ArrayList<Query>();
        if ("eq".equals(condition.operator())) {
            for (String prefix : List.of("m", "l")) {
                if (number != null) {
                    either.add(term(prefix + "n." + field, FieldValue.of(number.doubleValue()), false));
                } else if (value instanceof String text) {
                    either.add(term(prefix + "k." + field, FieldValue.of(text), false));
                }
                if (value instanceof Boolean bool) {
                    either.add(term(prefix + "b." + field, FieldValue.of(bool), false));
                    either.add(term(prefix + "k." + field, FieldValue.of(bool.toString()), true));
                } else if (value instanceof String text && isBoolean(text)) {
                    either.add(term(prefix + "b." + field, FieldValue.of(Boolean.parseBoolean(text.strip())), false));
                }
            }
        } else if (number != null) {
            either.add(numberRange("mn." + field, condition.operator(), number.doubleValue()));
            if (value instanceof String text) {
                // a text that is no number compares with this one by character order
                Query textual = textRange("mk." + field, condition.operator(), text);
                either.add(Query.of(q -> q.bool(b -> b.must(textual).mustNot(n -> n.exists(e -> e.field("mn."
                        + field))))));
            }
        } else if (value instanceof String text) {
            either.add(textRange("mk." + field, condition.operator(), text));
        }
        if (either.isEmpty()) {
            return Query.of(q -> q.bool(b -> b.mustNot(n -> n.matchAll(m -> m))));
        }
        return Query.of(q -> q.bool(b -> b.should(either).minimumShouldMatch("1")));
    }

    private static boolean isBoolean(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false");
    }

    private static Query term(String field, FieldValue value, boolean caseInsensitive) {
        return Query.of(q -> q.term(t -> {
            t.field(field).value(value);
            return caseInsensitive ? t.caseInsensitive(true) : t;
        }));
    }

    private static Query numberRange(String field, String operator, double bound) {
        return Query.of(q -> q.range(r -> r.number(n -> switch (operator) {
            case "gte" -> n.field(field).gte(bound);
            case "gt" -> n.field(field).gt(bound);
            case "lte" -> n.field(field).lte(bound);
            default -> n.field(field).lt(bound);
        })));
    }

    private static Query textRange(String field, String operator, String bound) {
        return Query.of(q -> q.range(r -> r.term(t -> switch (operator) {
            case "gte" -> t.field(field).gte(bound);
            case "gt" -> t.field(field).gt(bound);
            case "lte" -> t.field(field).lte(bound);
            default -> t.field(field).lt(bound);
        })));
    }
}
