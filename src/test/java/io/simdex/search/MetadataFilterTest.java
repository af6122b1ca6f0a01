package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class MetadataFilterTest {

    private static final Map<String, Object> PAPER = paper();

    private static Map<String, Object> paper() {
        var metadata = new HashMap<String, Object>();
        metadata.put("year", 2021L);
        metadata.put("score", new BigDecimal("0.75"));
        metadata.put("venue", "NeurIPS");
        metadata.put("date", "2021-06-30");
        metadata.put("authors", List.of("Vaswani", "Shazeer"));
        metadata.put("open", true);
        metadata.put("doi", null);
        metadata.put("pages", "12");
        return metadata;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "year>=2020|true", "year>=2021|true", "year>2021|false", "year<2022|true", "year<=2020|false",
            "year:2021|true", "year:2021.0|true", "score>0.5|true", "score:0.750|true",
            "venue:NeurIPS|true", "venue:neurips|false", "date>=2021-01-01|true", "date<2021-06-30|false",
            "authors:Vaswani|true", "authors:Hinton|false", "open:true|true", "open:false|false",
            "doi:x|false", "missing:1|false", "pages>=10|true"})
    void a_condition_compares_numbers_by_value_text_by_order_and_lists_by_element(String expression,
            boolean matches) {
        assertThat(MetadataFilter.parse(List.of(expression)).test(PAPER)).isEqualTo(matches);
    }

    @Test
    void every_condition_must_hold_and_no_condition_matches_everything() {
        assertThat(MetadataFilter.parse(List.of("year>=2020", "venue:NeurIPS")).test(PAPER)).isTrue();
        assertThat(MetadataFilter.parse(List.of("year>=2020", "venue:ICML")).test(PAPER)).isFalse();
        assertThat(MetadataFilter.NONE.test(Map.of())).isTrue();
    }

    @Test
    void an_expression_without_an_operator_or_value_names_the_filter_parameter() {
        assertThatThrownBy(() -> MetadataFilter.parse(List.of("year 2020")))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("filter 'year 2020' is not")
                .extracting(e -> ((InvalidQueryException) e).field()).isEqualTo("filter");
        assertThatThrownBy(() -> MetadataFilter.parse(List.of("year>="))).isInstanceOf(InvalidQueryException.class);
    }
}
