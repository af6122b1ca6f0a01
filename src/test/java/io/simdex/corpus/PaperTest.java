package io.simdex.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

class PaperTest {

    private static final List<Source> SOURCES = List.of(new Source("a.txt", 3));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Adam|Adam. We introduce Adam.",
            "Heavy Labels Out!|Heavy Labels Out! We introduce Adam.",
            "Can LLMs plan?|Can LLMs plan? We introduce Adam.",
            "Attention is all you need.|Attention is all you need. We introduce Adam."})
    void embeds_the_title_as_its_own_sentence_followed_by_the_abstract(String title, String expected) {
        Paper paper = new Paper("p", title, "We introduce Adam.", SOURCES);

        assertThat(paper.embeddingText()).isEqualTo(expected);
    }

    @Test
    void copies_the_sources_so_later_changes_do_not_leak_in() {
        List<Source> sources = new ArrayList<>(SOURCES);
        Paper paper = new Paper("p", "Adam", "We introduce Adam.", sources);

        sources.add(new Source("b.txt", 9));

        assertThat(paper.sources()).containsExactly(new Source("a.txt", 3));
        assertThatThrownBy(() -> paper.sources().add(new Source("c.txt", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_a_missing_title_or_a_blank_abstract_naming_the_paper() {
        assertThatThrownBy(() -> new Paper("p-1", null, "abstract", SOURCES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("paper p-1: title must not be null");
        assertThatThrownBy(() -> new Paper("p-1", "Title", "", SOURCES))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("paper p-1: abstract must be non-blank");
    }

    @Test
    void a_paper_without_a_title_is_embedded_as_its_abstract_alone() {
        var untitled = new Paper("p-1", "", "We study folding.", SOURCES);

        assertThat(untitled.embeddingText()).isEqualTo("We study folding.");
    }

    @Test
    void metadata_is_copied_in_order_and_cannot_hold_the_paper_s_own_fields() {
        var fields = new java.util.LinkedHashMap<String, Object>();
        fields.put("year", 2020);
        fields.put("authors", List.of("A", "B"));
        var paper = new Paper("p-1", "T", "A.", SOURCES, fields);
        fields.put("venue", "changed later");

        assertThat(paper.metadata()).containsExactly(java.util.Map.entry("year", 2020L),
                java.util.Map.entry("authors", List.of("A", "B")));
        assertThatThrownBy(() -> new Paper("p-1", "T", "A.", SOURCES, java.util.Map.of("title", "x")))
                .hasMessageContaining("'title' is part of the paper, not metadata");
        assertThatThrownBy(() -> new Paper("p-1", "T", "A.", SOURCES, java.util.Map.of("when", new Object())))
                .hasMessageContaining("metadata field 'when' holds a Object");
    }

    @Test
    void rejects_a_source_with_a_directory_or_a_line_below_one() {
        assertThatThrownBy(() -> new Source("dir/a.txt", 1)).hasMessageContaining("without directory");
        assertThatThrownBy(() -> new Source("a.txt", 0)).hasMessageContaining(">= 1");
    }

    @Test
    void describes_a_problem_as_file_colon_line_colon_message() {
        CorpusProblem problem = new CorpusProblem("a.txt", 12, "title with no abstract");

        assertThat(problem.describe()).isEqualTo("a.txt:12: title with no abstract");
        assertThat(problem).hasToString("a.txt:12: title with no abstract");
        assertThat(new CorpusProblem("a.txt", 0, "empty page").describe()).isEqualTo("a.txt:0: empty page");
    }
}
