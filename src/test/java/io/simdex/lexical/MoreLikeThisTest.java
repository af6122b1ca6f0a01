package io.simdex.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

/** {@link LexicalIndex#moreLikeThis}: BM25 over a text's own distinctive terms. */
class MoreLikeThisTest {

    private static final List<LexicalDocument> DOCS = List.of(
            new LexicalDocument("distill", "Dataset distillation condenses a training set into few synthetic images."),
            new LexicalDocument("condense", "Dataset condensation learns synthetic images that replace a training set."),
            new LexicalDocument("kd", "Knowledge distillation trains a small student from a large teacher."),
            new LexicalDocument("speech", "Speech recognition in noise with a large acoustic model."),
            new LexicalDocument("only", "Zyxqv quorblat."));

    @Test
    void the_paper_sharing_most_distinctive_terms_comes_first_and_excluded_ids_never_come_back() {
        try (LexicalIndex index = LexicalIndex.build(DOCS)) {
            List<LexicalHit> hits = index.moreLikeThis(DOCS.get(0).text(), 3, Set.of("distill"), id -> true);

            assertThat(hits).extracting(LexicalHit::id).first().isEqualTo("condense");
            assertThat(hits).extracting(LexicalHit::id).doesNotContain("distill");
        }
    }

    @Test
    void a_text_whose_terms_no_other_document_holds_finds_nothing() {
        try (LexicalIndex index = LexicalIndex.build(DOCS)) {
            assertThat(index.moreLikeThis("Zyxqv quorblat.", 3, Set.of("only"), id -> true)).isEmpty();
        }
    }

    @Test
    void the_allowed_filter_holds_as_in_search() {
        try (LexicalIndex index = LexicalIndex.build(DOCS)) {
            List<LexicalHit> hits = index.moreLikeThis(DOCS.get(0).text(), 3, Set.of("distill"),
                    id -> !id.equals("condense"));

            assertThat(hits).extracting(LexicalHit::id).doesNotContain("condense", "distill").isNotEmpty();
        }
    }
}
