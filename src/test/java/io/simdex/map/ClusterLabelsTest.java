package io.simdex.map;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

/** A cluster is named by the words its papers share and the others lack. */
class ClusterLabelsTest {

    @Test
    void labels_are_the_words_frequent_in_the_cluster_and_rare_elsewhere() {
        List<String> texts = List.of(
                "Protein folding with graph networks. We study the folding of proteins.",
                "Protein structure and folding by learning. We predict protein folding.",
                "Folding proteins: a protein network. We model the folding.",
                "Speech recognition with transformers. We study acoustic speech.",
                "Speech recognition of accents by learning. We model speech.",
                "Acoustic models for speech recognition. We study recognition.");

        List<String> labels = ClusterLabels.of(texts, new int[] {0, 0, 0, 1, 1, 1}, 2);

        assertThat(labels.get(0).split(", ")).hasSize(3).contains("protein", "folding")
                .doesNotContain("proteins", "the", "we", "study", "learning");
        assertThat(labels.get(1).split(", ")).hasSize(3).contains("speech", "recognition")
                .doesNotContain("study", "model", "with");
    }

    @Test
    void a_cluster_without_words_gets_an_empty_label() {
        assertThat(ClusterLabels.of(List.of("a b c 12 of", "Graph networks"), new int[] {0, 1}, 2))
                .containsExactly("", "graph, networks");
    }
}
