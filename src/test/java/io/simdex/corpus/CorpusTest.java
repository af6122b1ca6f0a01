package io.simdex.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;

class CorpusTest {

    private static Paper paper(String id, String title) {
        return new Paper(id, title, "An abstract.", List.of(new Source("a.txt", 1)));
    }

    @Test
    void sorts_papers_by_id_and_finds_them_by_id() {
        Corpus corpus = new Corpus(List.of(paper("b", "Bee"), paper("a", "Ant")), List.of());

        assertThat(corpus.papers()).extracting(Paper::id).containsExactly("a", "b");
        assertThat(corpus.size()).isEqualTo(2);
        assertThat(corpus.find("b")).map(Paper::title).contains("Bee");
        assertThat(corpus.find("c")).isEmpty();
        assertThat(corpus.find(null)).isEmpty();
    }

    @Test
    void rejects_two_papers_with_the_same_id() {
        assertThatThrownBy(() -> new Corpus(List.of(paper("a", "Ant"), paper("a", "Ape")), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate paper id 'a'").hasMessageContaining("Ant").hasMessageContaining("Ape");
    }
}
