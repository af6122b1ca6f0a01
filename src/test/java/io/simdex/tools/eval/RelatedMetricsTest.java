package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.FakeEncoder;
import io.simdex.kernels.VectorMath;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The related-paper check on a fixture whose ranks can be worked out by hand: five unit vectors on a circle, at
 * 0°, 10°, 25°, 90° and 200°, and three related pairs.
 */
class RelatedMetricsTest {

    private static final List<String> IDS = List.of("d0", "d1", "d2", "d3", "d4");
    private static final float[][] VECTORS = {at(0), at(10), at(25), at(90), at(200)};
    private static final List<CoCitedPairs.Pair> PAIRS = List.of(new CoCitedPairs.Pair("d0", "d2"),
            new CoCitedPairs.Pair("d0", "d1"), new CoCitedPairs.Pair("d3", "d4"));

    @TempDir
    Path dir;

    @Test
    void each_pair_is_asked_both_ways_and_other_partners_are_left_out() {
        RelatedMetrics m = RelatedMetrics.of(PAIRS, RelatedMetricsTest::byCosine);

        // d0→d2: 1 (d1, its other partner, is left out); d2→d0: 2 (after d1); d0→d1: 1; d1→d0: 1 (10° against
        // d2's 15°); d3→d4: 4 (after d2 at 65°, d1 at 80°, d0 at 90°; d4 is 110° away); d4→d3: 1
        assertThat(m.pairs()).isEqualTo(3);
        assertThat(m.queries()).isEqualTo(6);
        assertThat(m.mrr100()).isCloseTo((1 + 0.5 + 1 + 1 + 0.25 + 1) / 6, within(1e-12));
        assertThat(m.recall10()).isEqualTo(1.0);
        assertThat(m.recall100()).isEqualTo(1.0);
    }

    @Test
    void a_partner_below_rank_10_counts_for_recall_at_100_only_and_one_missing_counts_zero() {
        List<String> deep = IntStream.range(0, 100).mapToObj(i -> "x" + i).toList();
        var pairs = List.of(new CoCitedPairs.Pair("a", "b"));

        RelatedMetrics m = RelatedMetrics.of(pairs, (id, leaveOut, depth) -> {
            var ranking = new ArrayList<>(deep.subList(0, 19));
            if (id.equals("a")) {
                ranking.add("b"); // rank 20
            }
            return ranking; // from b, a is not found at all
        });

        assertThat(m.recall10()).isZero();
        assertThat(m.recall100()).isEqualTo(0.5);
        assertThat(m.mrr100()).isCloseTo(1.0 / 20 / 2, within(1e-12));
    }

    @Test
    void auc_compares_every_related_cosine_with_every_unrelated_pair_when_there_are_few() {
        // unrelated pairs: d0-d3 (90°), d0-d4 (160°), d1-d2 (15°), d1-d3 (80°), d1-d4 (170°), d2-d3 (65°),
        // d2-d4 (175°); d0-d2 (25°) beats all but d1-d2, d0-d1 (10°) all seven, d3-d4 (110°) the three over 110°
        double auc = RelatedMetrics.auc(PAIRS, IDS, VECTORS, 10_000, 1);

        assertThat(auc).isCloseTo((6 + 7 + 3) / 21.0, within(1e-12));
    }

    @Test
    void auc_on_a_sample_of_random_pairs_is_the_same_for_the_same_seed() {
        double once = RelatedMetrics.auc(PAIRS, IDS, VECTORS, 3, 7);
        double again = RelatedMetrics.auc(PAIRS, IDS, VECTORS, 3, 7);

        assertThat(once).isEqualTo(again).isBetween(0.0, 1.0);
    }

    @Test
    void the_pairs_file_counts_a_pair_once_in_either_order_and_ignores_other_columns() throws Exception {
        Path file = Files.writeString(dir.resolve("pairs.tsv"), """
                split\tclaim_id\tdoc_id_a\tdoc_id_b
                train\t1\t20\t10
                train\t2\t10\t20
                dev\t3\t10\t30
                """);

        assertThat(CoCitedPairs.read(file)).containsExactly(new CoCitedPairs.Pair("10", "20"),
                new CoCitedPairs.Pair("10", "30"));
    }

    @Test
    void a_pairs_file_without_the_id_columns_or_pairing_a_paper_with_itself_is_refused_naming_the_line()
            throws Exception {
        Path noHeader = Files.writeString(dir.resolve("a.tsv"), "10\t20\n");
        Path self = Files.writeString(dir.resolve("b.tsv"), "doc_id_a\tdoc_id_b\n10\t20\n30\t30\n");

        assertThatThrownBy(() -> CoCitedPairs.read(noHeader)).isInstanceOf(EvalDataException.class)
                .hasMessageContaining("a.tsv:1").hasMessageContaining("doc_id_a and doc_id_b");
        assertThatThrownBy(() -> CoCitedPairs.read(self)).isInstanceOf(EvalDataException.class)
                .hasMessageContaining("b.tsv:3").hasMessageContaining("'30' is paired with itself");
    }

    @Test
    void the_evaluation_ranks_by_the_flat_index_leaving_the_paper_out_and_names_unknown_documents() {
        var evaluation = evaluation();
        var data = TINY;

        var result = evaluation.related(data, List.of(new CoCitedPairs.Pair("p1", "p2")),
                EnumSet.of(SearchMode.VECTOR), SearchOptions.defaults());

        assertThat(result).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo("vector");
            assertThat(r.documents()).isEqualTo(5);
            assertThat(r.queries()).isEqualTo(2);
            assertThat(r.mrr100()).isEqualTo(1.0); // each finds the other first, never itself
            assertThat(r.auc()).isEqualTo(1.0); // the pair shares more words than any other pair
        });
        assertThatThrownBy(() -> evaluation.related(data, List.of(new CoCitedPairs.Pair("p1", "p9")),
                EnumSet.of(SearchMode.VECTOR), SearchOptions.defaults()))
                .isInstanceOf(EvalDataException.class).hasMessageContaining("'p9'");
    }

    @Test
    void every_mode_reports_its_row_and_only_vector_mode_its_cosine_auc() {
        var result = evaluation().related(TINY, List.of(new CoCitedPairs.Pair("p1", "p2"),
                new CoCitedPairs.Pair("p3", "p4")), EnumSet.allOf(SearchMode.class), SearchOptions.defaults());

        assertThat(result).extracting(EvalReport.RelatedResult::mode).containsExactly("vector", "lexical", "hybrid");
        assertThat(result).allSatisfy(r -> assertThat(r.mrr100()).isEqualTo(1.0)); // partners share rare words
        assertThat(result.get(0).auc()).isNotNull();
        assertThat(result.get(1).auc()).isNull();
        assertThat(result.get(1).encoding()).isNull();
    }

    /** Two papers on protein folding, two on galaxies, one on speech. */
    private static final BeirDataset TINY = new BeirDataset("tiny", List.of(
            new BeirDataset.Document("p1", "Protein folding", "Deep networks predict protein folding."),
            new BeirDataset.Document("p2", "Protein structure", "Networks predict protein folding and structure."),
            new BeirDataset.Document("p3", "Galaxies", "Rotation curves of galaxy discs."),
            new BeirDataset.Document("p4", "Galaxy surveys", "Surveys of galaxy rotation."),
            new BeirDataset.Document("p5", "Speech", "Noise hurts speech recognition.")),
            List.of(), Map.of());

    private static Evaluation evaluation() {
        return new Evaluation(new EvalEncoder(new FakeEncoder(), Optional.empty(),
                new PrintStream(OutputStream.nullOutputStream())));
    }

    /** The reference ranking: every other vector by cosine, best first, brute force. */
    private static List<String> byCosine(String id, java.util.Set<String> leaveOut, int depth) {
        float[] query = VECTORS[IDS.indexOf(id)];
        return IDS.stream().filter(other -> !other.equals(id) && !leaveOut.contains(other))
                .sorted(Comparator.comparingDouble((String other) -> -VectorMath.dot(query, VECTORS[IDS.indexOf(other)])))
                .limit(depth).toList();
    }

    private static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }
}
