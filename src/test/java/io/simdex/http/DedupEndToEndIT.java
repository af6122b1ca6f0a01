package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import io.simdex.App;
import io.simdex.BundledApp;
import io.simdex.Main;
import io.simdex.corpus.Paper;
import io.simdex.tools.calibrate.Variant;
import io.simdex.tools.calibrate.Variants;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Duplicate checks, clusters and explanations with the real model on the bundled corpus: generated variants
 * are flagged against their sources, the corpus's real near-duplicates (same work, different titles) are found
 * and nothing else is, and the command line answers as the HTTP API does.
 */
class DedupEndToEndIT {

    /** Two pairs of the bundled corpus that are the same work under different titles. */
    static final List<Set<String>> REAL_DUPLICATES = List.of(
            Set.of("online-estimation-of-sat-solving-runtime", "online-search-cost-estimation-for-sat-solvers"),
            Set.of("unsupervised-learning-from-video-to-detect-foreground-objects-in-single-images",
                    "unsupervised-learning-of-foreground-object-detection"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static App app;
    private static String[] cliFlags;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        startOn(BundledApp.get(), BundledApp.cliFlags());
    }

    /** Runs the suite against {@code served}, whose commands take {@code flags}: how a subclass picks a backend. */
    static void startOn(App served, String[] flags) {
        app = served;
        cliFlags = flags;
        http = new TestHttp(app.server());
    }

    @AfterAll
    static void stop() {
        if (http != null) { // null when a subclass's backend was not there and its tests were skipped
            http.close();
            http = null;
        }
    }

    @Test
    void every_generated_variant_is_flagged_against_its_source() {
        List<Paper> papers = sample(16);
        var misses = new ArrayList<String>();
        for (int i = 0; i < papers.size(); i++) {
            for (Variant variant : Variants.of(papers.get(i), 1000 + i)) {
                ObjectNode body = JSON.createObjectNode().put("title", variant.title())
                        .put("abstract", variant.abstractText());
                JsonNode reply = http.post("/api/duplicates/check", body.toString()).json();
                String verdict = reply.get("verdict").asText();
                String best = reply.get("matches").isEmpty() ? "" : reply.get("matches").get(0).get("id").asText();
                if (!Set.of("duplicate", "near_duplicate").contains(verdict) || !best.equals(variant.sourceId())) {
                    misses.add(variant.kind() + " of " + variant.sourceId() + ": " + verdict + ", best " + best);
                }
            }
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void the_duplicate_scan_finds_the_corpus_real_near_duplicates_and_nothing_else() {
        JsonNode reply = http.get("/api/duplicates").json();

        var clusters = new ArrayList<Set<String>>();
        reply.get("clusters").forEach(c -> {
            var ids = new java.util.HashSet<String>();
            c.get("papers").forEach(p -> ids.add(p.get("id").asText()));
            clusters.add(ids);
        });
        assertThat(clusters).containsExactlyInAnyOrderElementsOf(REAL_DUPLICATES);
        assertThat(reply.get("pairs").asInt()).isEqualTo(2);
        assertThat(reply.get("clusters").get(0).get("id").asText()).startsWith("dup-");
    }

    @Test
    void no_other_paper_has_a_neighbour_in_the_flagged_bands() {
        float nearDuplicate = app.duplicates().options().bands().nearDuplicate();
        for (Paper paper : app.search().papers()) {
            if (REAL_DUPLICATES.stream().anyMatch(pair -> pair.contains(paper.id()))) {
                continue;
            }
            JsonNode top = http.get("/api/papers/" + paper.id() + "/similar?k=1").json().get("results").get(0);
            assertThat(top.get("score").floatValue()).as(paper.id() + " vs " + top.get("id").asText())
                    .isLessThan(nearDuplicate);
        }
    }

    @Test
    void a_real_duplicate_is_checked_as_near_duplicate_with_the_shared_sentence_explained() {
        Paper other = app.search().paper("online-search-cost-estimation-for-sat-solvers");
        ObjectNode body = JSON.createObjectNode().put("title", other.title()).put("abstract", other.abstractText())
                .put("k", 3).put("explain", true);

        JsonNode reply = http.post("/api/duplicates/check", body.toString()).json();

        JsonNode second = null;
        for (JsonNode match : reply.get("matches")) {
            if (match.get("id").asText().equals("online-estimation-of-sat-solving-runtime")) {
                second = match;
            }
        }
        assertThat(second).as(reply.toString()).isNotNull();
        assertThat(second.get("band").asText()).isIn("near_duplicate", "duplicate");
        assertThat(second.get("explanation").get("match_sentence").asText())
                .isIn(sentencesOf("online-estimation-of-sat-solving-runtime").toArray());
        assertThat(second.get("explanation").get("score").asDouble()).isGreaterThan(0.8);
    }

    @Test
    void the_command_line_answers_as_the_http_api_does() {
        String id = "online-estimation-of-sat-solving-runtime";

        JsonNode similar = parse(run("similar", id, "-k", "5"));
        assertThat(withoutTimings(similar)).isEqualTo(withoutTimings(http.get("/api/papers/" + id + "/similar?k=5").json()));

        JsonNode clusters = parse(run("dedup"));
        assertThat(withoutTimings(clusters)).isEqualTo(withoutTimings(http.get("/api/duplicates").json()));

        Paper paper = app.search().paper(id);
        JsonNode check = parse(run("check", "--title", paper.title(), "--abstract", paper.abstractText()));
        ObjectNode body = JSON.createObjectNode().put("title", paper.title()).put("abstract", paper.abstractText());
        assertThat(withoutTimings(check)).isEqualTo(withoutTimings(http.post("/api/duplicates/check", body.toString()).json()));

        String csv = run("dedup", "--format", "csv", "--threshold", "0.93");
        assertThat(csv.lines().toList()).first().isEqualTo("cluster_id,max_score,pairs,paper_id,title");
        assertThat(csv.lines().skip(1).map(l -> l.split(",")[3]).toList())
                .containsExactlyInAnyOrder(REAL_DUPLICATES.stream().flatMap(Set::stream).toArray(String[]::new));
    }

    @Test
    void the_command_line_rejects_bad_input_with_a_message_and_exit_code_2() {
        var err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(execute("similar", "no-such-paper")).isEqualTo(2);
            assertThat(execute("dedup", "--threshold", "1.5")).isEqualTo(2);
            assertThat(execute("check")).isEqualTo(2);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no paper with id 'no-such-paper'")
                .contains("--threshold must be above 0 and at most 1").contains("no text");
    }

    private static List<Paper> sample(int count) {
        List<Paper> all = app.search().papers();
        var picked = new ArrayList<Paper>();
        for (int i = 0; i < count; i++) {
            picked.add(all.get(i * all.size() / count));
        }
        return picked;
    }

    private static List<String> sentencesOf(String id) {
        return io.simdex.text.Sentences.split(app.search().paper(id).embeddingText());
    }

    private static JsonNode withoutTimings(JsonNode node) {
        JsonNode copy = node.deepCopy();
        ((ObjectNode) copy).remove("took_ms");
        return copy;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Runs a command with the shared app's model and vector cache, returning what it printed. */
    private static String run(String... args) {
        var out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(execute(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int execute(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of(cliFlags));
        return new CommandLine(new Main()).execute(all.toArray(String[]::new));
    }
}
