package io.simdex.tools.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;
import io.simdex.tools.eval.EvalDataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The bundled rewrite set parses, covers every style, and names only papers of the bundled corpus. */
class RewriteSetTest {

    @Test
    void the_bundled_rewrites_parse_and_name_papers_of_the_bundled_corpus() {
        RewriteSet set = RewriteSet.bundled();
        Set<String> ids = CorpusLoader.load(CorpusLoader.BUNDLED).papers().stream().map(Paper::id)
                .collect(Collectors.toSet());

        set.requireKnown(ids);
        assertThat(set.rewrites()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(set.rewrites().stream().collect(Collectors.groupingBy(RewriteSet.Rewrite::style,
                Collectors.counting()))).containsOnlyKeys(RewriteSet.STYLES).allSatisfy((style, n) ->
                assertThat(n).isGreaterThanOrEqualTo(10));
        assertThat(set.rewrites()).allSatisfy(r -> assertThat(r.text()).startsWith(r.title()));
    }

    @Test
    void the_bundled_hard_pairs_are_labelled_and_name_papers_of_the_bundled_corpus() {
        RewriteSet set = RewriteSet.bundled();

        assertThat(set.pairs()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(set.pairs()).filteredOn(RewriteSet.LabelledPair::duplicate).isNotEmpty();
        assertThat(set.pairs()).filteredOn(p -> !p.duplicate()).hasSizeGreaterThan(15);
        assertThat(set.pairs()).allSatisfy(p -> assertThat(p.first()).isNotEqualTo(p.second()));
    }

    @Test
    void no_rewrite_is_a_copy_of_its_source() {
        var corpus = CorpusLoader.load(CorpusLoader.BUNDLED).papers().stream()
                .collect(Collectors.toMap(Paper::id, Function.identity()));

        assertThat(RewriteSet.bundled().rewrites()).allSatisfy(r ->
                assertThat(r.abstractText()).isNotEqualTo(corpus.get(r.source()).abstractText()));
    }

    @Test
    void a_rewrite_of_an_unknown_paper_is_named_in_the_error(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rewrites.jsonl"), "{\"id\":\"rw-1\",\"source\":\"no-such-paper\","
                + "\"style\":\"half\",\"title\":\"T\",\"abstract\":\"A.\"}\n");
        Files.writeString(dir.resolve("hard-pairs.tsv"), "first\tsecond\tlabel\tnote\n");
        RewriteSet set = RewriteSet.named(dir.toString());

        assertThatThrownBy(() -> set.requireKnown(Set.of("a")))
                .isInstanceOf(EvalDataException.class).hasMessageContaining("rw-1").hasMessageContaining("no-such-paper");
    }

    @Test
    void a_malformed_line_is_refused_with_its_file_and_line(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rewrites.jsonl"), "{\"id\":\"rw-1\",\"source\":\"a\",\"style\":\"poem\","
                + "\"title\":\"T\",\"abstract\":\"A.\"}\n");
        Files.writeString(dir.resolve("hard-pairs.tsv"), "a\tb\tsame\n");

        assertThatThrownBy(() -> RewriteSet.named(dir.toString()))
                .isInstanceOf(EvalDataException.class).hasMessageContaining("rewrites.jsonl:1")
                .hasMessageContaining("style");
    }
}
