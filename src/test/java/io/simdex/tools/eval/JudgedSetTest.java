package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading judged related papers, and the set judged over the bundled corpus. */
class JudgedSetTest {

    @TempDir
    Path dir;

    @Test
    void the_bundled_set_judges_about_25_papers_of_the_bundled_corpus_with_wanted_papers_for_each() {
        JudgedSet set = JudgedSet.bundled();
        Set<String> ids = CorpusLoader.load(CorpusLoader.BUNDLED).papers().stream().map(Paper::id)
                .collect(Collectors.toSet());

        assertThat(set.judgments()).hasSizeBetween(25, 30);
        set.requireKnown(ids, "the bundled corpus");
        for (Map<String, Integer> grades : set.judgments().values()) {
            // every query has a pool of judged papers and at least two a reader clearly wants
            assertThat(grades.size()).isGreaterThanOrEqualTo(20);
            assertThat(grades.values().stream().filter(g -> g == JudgedSet.WANTED).count()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void reads_columns_by_header_skips_comments_and_keeps_file_order() throws Exception {
        Path file = write("# made by hand\ngrade\tquery_id\tdoc_id\n2\tq1\ta\n# q2 next\n0\tq2\tb\n1\tq1\tb\n");

        JudgedSet set = JudgedSet.read(file);

        assertThat(set.judgments()).containsOnlyKeys("q1", "q2");
        assertThat(set.judgments().keySet()).containsExactly("q1", "q2");
        assertThat(set.judgments().get("q1")).containsExactly(Map.entry("a", 2), Map.entry("b", 1));
        assertThat(set.judgments().get("q2")).containsExactly(Map.entry("b", 0));
    }

    @Test
    void bad_lines_are_named_by_file_and_line() throws Exception {
        assertThatThrownBy(() -> JudgedSet.read(write("query\tdoc\tgrade\n")))
                .isInstanceOf(EvalDataException.class).hasMessageContaining(":1: the header must name");
        assertThatThrownBy(() -> JudgedSet.read(write("query_id\tdoc_id\tgrade\nq\ta\t3\n")))
                .isInstanceOf(EvalDataException.class).hasMessageContaining(":2: the grade must be 0, 1 or 2, got '3'");
        assertThatThrownBy(() -> JudgedSet.read(write("query_id\tdoc_id\tgrade\nq\tq\t1\n")))
                .isInstanceOf(EvalDataException.class).hasMessageContaining(":2: 'q' is judged for itself");
        assertThatThrownBy(() -> JudgedSet.read(write("query_id\tdoc_id\tgrade\nq\ta\t1\nq\ta\t2\n")))
                .isInstanceOf(EvalDataException.class).hasMessageContaining(":3: 'a' is judged twice for 'q'");
        assertThatThrownBy(() -> JudgedSet.read(write("# nothing\n")))
                .isInstanceOf(EvalDataException.class).hasMessageContaining("holds no judgements");
    }

    @Test
    void a_paper_outside_the_corpus_is_named() throws Exception {
        JudgedSet set = JudgedSet.read(write("query_id\tdoc_id\tgrade\nq\tgone\t2\n"));

        assertThatThrownBy(() -> set.requireKnown(new HashSet<>(Set.of("q", "a")), "the corpus"))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining("grades 'gone' for 'q', but it is not a paper of the corpus");
    }

    private Path write(String text) throws Exception {
        Path file = Files.createTempFile(dir, "judged", ".tsv");
        Files.writeString(file, text);
        return file;
    }
}
