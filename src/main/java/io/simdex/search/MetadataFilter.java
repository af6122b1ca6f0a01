package io.simdex.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conditions on papers' metadata, all of which a paper must meet to come back: {@code year>=2020},
 * {@code venue:NeurIPS}. Applied inside the ranking, so an answer holds the best {@code k} papers that meet them,
 * not fewer.
 *
 * <ul>
 *   <li>{@code field:value} is equality: numbers compare by value ({@code 2020} equals {@code "2020"} and
 *       {@code 2020.0}), text exactly; a list field matches when one of its elements does
 *       ({@code authors:Vaswani}).</li>
 *   <li>{@code >=}, {@code >}, {@code <=}, {@code <} compare numbers by value, and text by character order (ISO
 *       dates compare right).</li>
 *   <li>A paper without the field, or whose value is null, an object, or of another kind than the bound, does not
 *       match.</li>
 * </ul>
 *
 * @param conditions every condition a paper must meet; none matches every paper
 */
public record MetadataFilter(List<Condition> conditions) {

    /** No condition: every paper matches. */
    public static final MetadataFilter NONE = new MetadataFilter(List.of());

    private static final Pattern EXPRESSION = Pattern.compile("([A-Za-z0-9_.\\-]+)\\s*(>=|<=|>|<|:)\\s*((?![=<>]).+)",
            Pattern.DOTALL);

    public MetadataFilter {
        conditions = List.copyOf(conditions);
    }

    /** How a condition compares a field with its value. */
    public enum Op {
        /** Equal. */
        EQ(":"),
        /** At least. */
        GTE(">="),
        /** Above. */
        GT(">"),
        /** At most. */
        LTE("<="),
        /** Below. */
        LT("<");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in a query parameter. */
        public String symbol() {
            return symbol;
        }

        /** The operator of a JSON filter's key: {@code eq}, {@code gte}, {@code gt}, {@code lte}, {@code lt}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Op bySymbol(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("no operator " + symbol);
        }
    }

    /**
     * One condition.
     *
     * @param field the metadata field
     * @param op    how it compares
     * @param value the text, number or true/false to compare with
     */
    public record Condition(String field, Op op, Object value) {
        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("a condition compares with text, a number or true/false");
            }
        }

        boolean test(Map<String, Object> metadata) {
            Object actual = metadata.get(field);
            if (actual instanceof List<?> list) {
                return op == Op.EQ && list.stream().anyMatch(element -> compare(element) == 0);
            }
            Integer order = compare(actual);
            if (order == null) {
                return false;
            }
            return switch (op) {
                case EQ -> order == 0;
                case GTE -> order >= 0;
                case GT -> order > 0;
                case LTE -> order <= 0;
                case LT -> order < 0;
            };
        }

        /** The order of {@code actual} against the value, or null when they are not comparable. */
        private Integer compare(Object actual) {
            if (actual == null) {
                return null;
            }
            BigDecimal a = number(actual);
            BigDecimal b = number(value);
            if (a != null && b != null) {
                return a.compareTo(b);
            }
            if (actual instanceof Boolean || value instanceof Boolean) {
                return op == Op.EQ && String.valueOf(actual).equalsIgnoreCase(String.valueOf(value)) ? 0 : null;
            }
            if (actual instanceof String text && (value instanceof String || op == Op.EQ)) {
                return text.compareTo(String.valueOf(value));
            }
            return null;
        }

        private static BigDecimal number(Object value) {
            if (value instanceof BigDecimal d) {
                return d;
            }
            if (value instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            if (value instanceof String s && NUMBER.matcher(s.strip()).matches()) {
                return new BigDecimal(s.strip());
            }
            return null;
        }

        private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?");

        /** As written in a query parameter, e.g. {@code year>=2020}. */
        @Override
        public String toString() {
            return field + op.symbol() + value;
        }
    }

    /** Whether a paper with this metadata meets every condition. */
    public boolean test(Map<String, Object> metadata) {
        for (Condition condition : conditions) {
            if (!condition.test(metadata)) {
                return false;
            }
        }
        return true;
    }

    /** Whether there is no condition. */
    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    /**
     * Parses query-parameter expressions such as {@code year>=2020} or {@code venue:NeurIPS}, all of which must
     * hold.
     *
     * @throws InvalidQueryException naming the expression that is not {@code field OP value}
     */
    public static MetadataFilter parse(List<String> expressions) {
        var conditions = new ArrayList<Condition>(expressions.size());
        for (String expression : expressions) {
            Matcher m = EXPRESSION.matcher(expression.strip());
            if (!m.matches() || m.group(3).isBlank()) {
                throw new InvalidQueryException("filter", "filter '" + expression + "' is not field:value or field"
                        + " followed by >=, >, <= or < and a value, e.g. filter=year>=2020 or filter=venue:NeurIPS");
            }
            conditions.add(new Condition(m.group(1), Op.bySymbol(m.group(2)), m.group(3).strip()));
        }
        return new MetadataFilter(conditions);
    }
}
