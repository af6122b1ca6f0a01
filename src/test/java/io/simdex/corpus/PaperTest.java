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
    void rejects_a_blank_title_or_abstract_naming_the_paper() {
        assertThatThrownBy(() -> new Paper("p-1", " ", "abstract", SOURCES))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("paper p-1: title must be non-blank");
        assertThatThrownBy(() -> new Paper("p-1", "Title", "", SOURCES))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("paper p-1: abstract must be non-blank");
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
