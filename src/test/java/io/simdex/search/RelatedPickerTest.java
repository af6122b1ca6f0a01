package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * "More like this" options on vectors placed by hand on a circle, so each answer can be worked out: the query
 * paper {@code q} at 0°, its copies close to it, and other papers further round.
 */
class RelatedPickerTest {

    private final FlatIndex index = new FlatIndex(2);
    private final List<Paper> papers = new ArrayList<>();
    /** Papers whose id starts with {@code copy} duplicate every other paper: a stand-in for the bands. */
    private static final DuplicateRule COPIES = (reference, candidate, cosine) ->
            candidate.id().startsWith("copy") ? "near_duplicate" : null;
    private final List<Integer> depthsAsked = new ArrayList<>();

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void without_options_the_answer_is_the_closest_papers() {
        place(Map.of("q", 0, "a", 5, "a2", 6, "b", 30));

        assertThat(ids(pick("q", 2, RelatedOptions.plain()))).containsExactly("a", "a2");
    }

    @Test
    void diversity_passes_over_a_paper_much_like_one_already_picked() {
        // λ = 0.3: a2 scores 0.3·cos 6° − 0.7·cos 1° = −0.40 (next to a); b scores 0.3·cos 30° − 0.7·cos 25° = −0.37
        place(Map.of("q", 0, "a", 5, "a2", 6, "b", 30));

        assertThat(ids(pick("q", 2, options(Duplicates.INCLUDE, 0.7f)))).containsExactly("a", "b");
        // λ = 0.9: closeness still wins: a2 0.9·cos 6° − 0.1·cos 1° = 0.795, b 0.9·cos 30° − 0.1·cos 25° = 0.689
        assertThat(ids(pick("q", 2, options(Duplicates.INCLUDE, 0.1f)))).containsExactly("a", "a2");
    }

    @Test
    void full_diversity_starts_with_the_closest_then_takes_the_least_like_it() {
        place(Map.of("q", 0, "a", 5, "a2", 6, "b", 30, "c", 60));

        assertThat(ids(pick("q", 3, options(Duplicates.INCLUDE, 1f)))).containsExactly("a", "c", "b");
    }

    @Test
    void excluded_duplicates_are_replaced_by_the_next_papers_asking_deeper_as_needed() {
        place(Map.of("q", 0, "copy1", 1, "copy2", 2, "copy3", 3, "a", 10, "b", 20));

        RelatedPicker.Picked picked = pick("q", 2, options(Duplicates.EXCLUDE, 0f));

        assertThat(ids(picked)).containsExactly("a", "b");
        assertThat(picked.duplicates()).isEmpty();
        assertThat(depthsAsked).containsExactly(2, 4, 6); // 6: the whole index, q included
    }

    @Test
    void marked_duplicates_keep_their_rank_and_carry_their_band() {
        place(Map.of("q", 0, "copy1", 1, "a", 10, "b", 20));

        RelatedPicker.Picked marked = pick("q", 2, options(Duplicates.MARK, 0f));
        RelatedPicker.Picked included = pick("q", 2, options(Duplicates.INCLUDE, 0f));

        assertThat(ids(marked)).containsExactly("copy1", "a");
        assertThat(marked.duplicates()).isEqualTo(Map.of("copy1", "near_duplicate"));
        assertThat(ids(included)).containsExactly("copy1", "a");
        assertThat(included.duplicates()).isEmpty();
    }

    @Test
    void a_corpus_of_only_duplicates_answers_with_fewer_papers_rather_than_none_found_forever() {
        place(Map.of("q", 0, "copy1", 1, "copy2", 2, "a", 10));

        assertThat(ids(pick("q", 3, options(Duplicates.EXCLUDE, 0.5f)))).containsExactly("a");
    }

    private static RelatedOptions options(Duplicates duplicates, float diversity) {
        return new RelatedOptions(duplicates, COPIES, diversity);
    }

    private RelatedPicker.Picked pick(String id, int k, RelatedOptions options) {
        depthsAsked.clear();
        float[] query = index.vector(id).orElseThrow();
        IntFunction<List<Hit>> ranking = depth -> {
            depthsAsked.add(depth);
            return index.search(new SearchRequest(query, depth, Set.of(id), SearchRequest.NO_MIN_SCORE));
        };
        return new RelatedPicker(new Corpus(papers, List.of()), index).pick(List.of(id), ranking, k, options);
    }

    private void place(Map<String, Integer> degrees) {
        degrees.forEach((id, deg) -> {
            double r = Math.toRadians(deg);
            index.add(id, new float[] {(float) Math.cos(r), (float) Math.sin(r)});
            papers.add(new Paper(id, "Paper " + id, "Abstract of " + id + ".", List.of()));
        });
    }

    private static List<String> ids(RelatedPicker.Picked picked) {
        return picked.hits().stream().map(Hit::id).toList();
    }
}
