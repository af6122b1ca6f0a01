package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading query files, and the bundled query set against the bundled corpus. */
class QuerySetTest {

    private static final String HEADER = "id\tstyle\tsplit\tquery\tanswers";

    @Test
    void comments_and_blank_lines_are_skipped_and_answers_default_to_grade_one() {
        QuerySet set = QuerySet.parse("q.tsv", List.of("# how it was made", "", HEADER,
                "k1\tkeywords\ttune\tsparse backprop\tpaper-a", "m1\tmulti\theld-out\tmodel merging\t b:2 , c "));

        assertThat(set.queries()).hasSize(2);
        QuerySet.Query first = set.queries().get(0);
        assertThat(first).isEqualTo(new QuerySet.Query("k1", "keywords", "tune", "sparse backprop",
                Map.of("paper-a", 1)));
        assertThat(set.queries().get(1).answers()).containsExactly(Map.entry("b", 2), Map.entry("c", 1));
        assertThat(set.styles()).containsExactly("keywords", "multi");
    }

    @Test
    void a_wrong_header_is_named_with_the_expected_columns() {
        assertThatThrownBy(() -> QuerySet.parse("q.tsv", List.of("id\tquery\tanswers", "1\tx\ty")))
                .isInstanceOf(EvalDataException.class).hasMessageContaining("q.tsv:1:")
                .hasMessageContaining("id, style, split, query, answers");
    }

    @Test
    void malformed_lines_are_named_by_file_and_line() {
        assertThatThrownBy(() -> QuerySet.parse("q.tsv", List.of(HEADER, "a\tname\ttune\tVMamba")))
                .isInstanceOf(EvalDataException.class).hasMessageContaining("q.tsv:2:")
                .hasMessageContaining("expected 5");
        assertThatThrownBy(() -> QuerySet.parse("q.tsv", List.of(HEADER, "a\tname\ttrain\tVMamba\tp")))
                .hasMessageContaining("q.tsv:2:").hasMessageContaining("tune or held-out");
        assertThatThrownBy(() -> QuerySet.parse("q.tsv", List.of(HEADER, "a\tname\ttune\tVMamba\tp:0")))
                .hasMessageContaining("positive integer");
        assertThatThrownBy(() -> QuerySet.parse("q.tsv", List.of(HEADER, "a\tname\ttune\tVMamba\t , ")))
                .hasMessageContaining("at least one right paper");
        assertThatThrownBy(() -> QuerySet.parse("q.tsv", List.of(HEADER, "a\tname\ttune\tVMamba\tp",
                "a\tname\ttune\tMamba\tp"))).hasMessageContaining("q.tsv:3:").hasMessageContaining("used twice");
        assertThatThrownBy(() -> QuerySet.parse("q.tsv", List.of("# nothing", HEADER)))
                .hasMessageContaining("holds no query");
    }

    @Test
    void answers_outside_the_corpus_are_all_listed() {
        QuerySet set = QuerySet.parse("q.tsv", List.of(HEADER, "a\tname\ttune\tx\tknown,gone", "b\tname\ttune\ty\tlost"));

        assertThatThrownBy(() -> set.requireKnown(Set.of("known"), "the corpus"))
                .isInstanceOf(EvalDataException.class).hasMessageContaining("2 paper ids")
                .hasMessageContaining("gone, lost");
    }

    @Test
    void the_bundled_set_covers_six_styles_on_both_splits_and_names_bundled_papers() {
        QuerySet set = QuerySet.bundled();
        Set<String> papers = CorpusLoader.load(CorpusLoader.BUNDLED).papers().stream().map(Paper::id)
                .collect(Collectors.toSet());

        set.requireKnown(papers, "the bundled corpus");
        assertThat(set.styles()).containsExactly("paraphrase", "question", "name", "keywords", "draft", "multi");
        assertThat(set.queries()).hasSizeBetween(60, 90);
        Map<String, Long> perStyle = set.queries().stream()
                .collect(Collectors.groupingBy(QuerySet.Query::style, Collectors.counting()));
        assertThat(perStyle.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(10));
        for (String style : set.styles()) {
            assertThat(set.queries()).filteredOn(q -> q.style().equals(style))
                    .extracting(QuerySet.Query::split).contains(QuerySet.TUNE, QuerySet.HELD_OUT);
        }
        assertThat(set.queries()).filteredOn(q -> q.style().equals("multi"))
                .allSatisfy(q -> assertThat(q.answers()).hasSizeGreaterThan(1));
        var targets = new HashSet<String>();
        set.queries().forEach(q -> targets.addAll(q.answers().keySet()));
        assertThat(targets).hasSizeGreaterThan(50);
    }
}
