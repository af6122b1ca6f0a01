package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.FakeEncoder;
import io.simdex.dedup.DedupOptions;
import io.simdex.dedup.DuplicateBands;
import io.simdex.dedup.DuplicateService;
import io.simdex.index.IndexOptions;
import io.simdex.ingest.LiveCollection;
import io.simdex.search.SearchService;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The write endpoints over a real store and the fake encoder: what is acknowledged is read back at once. */
class WriteApiTest {

    private static final String KEY = "test-key-0123456789abcdef";
    private static final String[] AUTH = {"Authorization", "Bearer " + KEY};

    @TempDir
    Path dir;

    private PaperStore store;
    private LiveCollection collection;
    private TestHttp http;
    private FakeEncoder encoder;

    @BeforeEach
    void start() {
        store = PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("simdex.db")));
        encoder = new FakeEncoder(64);
        collection = LiveCollection.open(store, encoder, IndexOptions.defaults());
        var dedup = new DedupOptions(new DuplicateBands(0.97f, 0.86f, 0.3f, 0.9f), 3, 1_000);
        http = new TestHttp(HttpApi.create(new SearchService(collection.indexed(), encoder),
                new DuplicateService(collection.indexed(), encoder, dedup), collection,
                new HttpOptions(100, 4096).withApiKey(KEY)));
    }

    @AfterEach
    void stop() {
        http.close();
        collection.close();
        store.close();
    }

    @Test
    void a_put_creates_then_replaces_and_every_read_sees_it_at_once() {
        // when
        var created = http.send("PUT", "/api/papers/p1", "{\"title\": \"Protein folding\", \"abstract\":"
                + " \"We fold proteins with graphs.\", \"year\": 2021, \"authors\": [\"A\"]}", AUTH);
        // then
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("result").asText()).isEqualTo("created");
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        var paper = http.get("/api/papers/p1");
        assertThat(paper.json().get("metadata").get("year").asInt()).isEqualTo(2021);
        assertThat(paper.json().get("version").asLong()).isEqualTo(1);
        assertThat(http.get("/api/search?q=protein+folding&mode=lexical").json().get("results").get(0)
                .get("id").asText()).isEqualTo("p1");

        // when replaced
        var replaced = http.send("PUT", "/api/papers/p1", "{\"title\": \"Speech\", \"abstract\":"
                + " \"We recognise speech.\"}", AUTH);
        // then
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("version").asLong()).isEqualTo(2);
        assertThat(http.get("/api/search?q=protein&mode=lexical").json().get("results")).isEmpty();
        assertThat(http.get("/api/search?q=speech&mode=vector&k=1").json().get("results").get(0).get("id").asText())
                .isEqualTo("p1");
    }

    @Test
    void if_match_guards_against_lost_updates() {
        http.send("PUT", "/api/papers/p1", "{\"title\": \"T\", \"abstract\": \"First.\"}", AUTH);

        var stale = http.send("PUT", "/api/papers/p1", "{\"title\": \"T\", \"abstract\": \"Second.\"}",
                "Authorization", "Bearer " + KEY, "If-Match", "\"7\"");
        var fresh = http.send("PUT", "/api/papers/p1", "{\"title\": \"T\", \"abstract\": \"Second.\"}",
                "Authorization", "Bearer " + KEY, "If-Match", "1");
        var mustNotExist = http.send("PUT", "/api/papers/p1", "{\"title\": \"T\", \"abstract\": \"Third.\"}",
                "Authorization", "Bearer " + KEY, "If-Match", "0");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.json().get("detail").asText()).contains("is at version 1, not 7");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(mustNotExist.status()).isEqualTo(412);
        assertThat(http.get("/api/papers/p1").json().get("abstract").asText()).isEqualTo("Second.");
    }

    @Test
    void a_delete_answers_204_then_404_and_the_paper_is_gone_everywhere() {
        http.send("PUT", "/api/papers/p1", "{\"title\": \"Folding\", \"abstract\": \"We fold proteins.\"}", AUTH);
        http.send("PUT", "/api/papers/p2", "{\"title\": \"Speech\", \"abstract\": \"We recognise speech.\"}", AUTH);

        assertThat(http.send("DELETE", "/api/papers/p1", null, AUTH).status()).isEqualTo(204);
        assertThat(http.send("DELETE", "/api/papers/p1", null, AUTH).status()).isEqualTo(404);

        assertThat(http.get("/api/papers/p1").status()).isEqualTo(404);
        assertThat(http.get("/api/search?q=fold&mode=hybrid").json().get("results").findValuesAsText("id"))
                .doesNotContain("p1");
        assertThat(http.get("/api/papers/p2/similar").json().get("results")).isEmpty();
        assertThat(http.get("/health").json().get("papers").asInt()).isEqualTo(1);
    }

    @Test
    void writes_need_the_key_and_reads_stay_open() {
        var none = http.send("PUT", "/api/papers/p1", "{\"abstract\": \"A.\"}");
        var wrong = http.send("PUT", "/api/papers/p1", "{\"abstract\": \"A.\"}", "Authorization", "Bearer nope");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"simdex\"");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(KEY);
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(store.count()).isZero();
    }

    @Test
    void a_bulk_write_reports_each_item_and_stores_the_good_ones() {
        String ndjson = "{\"id\": \"a\", \"title\": \"Folding\", \"abstract\": \"We fold proteins.\"}\n"
                + "{\"id\": \"b\", \"title\": 42, \"abstract\": \"Bad title.\"}\n"
                + "not json\n"
                + "{\"title\": \"No id\", \"abstract\": \"Missing id.\"}\n"
                + "{\"id\": 7, \"abstract\": \"An untitled paper with a numeric id.\"}\n";

        var reply = http.send("POST", "/api/papers/_bulk", ndjson, AUTH);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("errors").asBoolean()).isTrue();
        var results = reply.json().get("results");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(results.get(1).get("error").asText()).contains("field \"title\" must be text");
        assertThat(results.get(2).get("position").asInt()).isEqualTo(3);
        assertThat(results.get(3).get("error").asText()).contains("missing \"id\"");
        assertThat(results.get(4).get("id").asText()).isEqualTo("7");
        assertThat(store.count()).isEqualTo(2);
        assertThat(http.get("/api/papers/7").json().get("title").asText()).isEmpty();
    }

    @Test
    void a_bulk_write_takes_csv_and_gzipped_ndjson_as_import_does() throws Exception {
        var csv = http.send("POST", "/api/papers/_bulk", "id,title,abstract,year\nc1,From CSV,We read CSV.,2021\n"
                + "c2,Too many,cells,here,2022\n", "Authorization", "Bearer " + KEY, "Content-Type", "text/csv");
        var gzipped = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write("{\"id\": \"g1\", \"abstract\": \"Compressed paper.\"}\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        var zipped = http.sendBytes("POST", "/api/papers/_bulk", gzipped.toByteArray(), "Authorization",
                "Bearer " + KEY, "Content-Type", "application/x-ndjson", "Content-Encoding", "gzip");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.json().get("results").get(0).get("id").asText()).isEqualTo("c1");
        assertThat(csv.json().get("results").get(1).get("position").asInt()).isEqualTo(3);
        assertThat(csv.json().get("results").get(1).get("error").asText()).contains("the row has 5 cells");
        assertThat(http.get("/api/papers/c1").json().get("metadata").get("year").asText()).isEqualTo("2021");
        assertThat(zipped.json().get("results").get(0).get("status").asInt()).isEqualTo(201);
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void on_duplicate_reject_answers_409_with_the_verdict_and_stores_nothing() {
        http.send("PUT", "/api/papers/p1", "{\"title\": \"Folding\", \"abstract\": \"We fold proteins with"
                + " graphs.\"}", AUTH);

        var copy = http.send("PUT", "/api/papers/p9?on_duplicate=reject", "{\"title\": \"Folding\", \"abstract\":"
                + " \"We fold proteins with graphs.\"}", AUTH);
        var itself = http.send("PUT", "/api/papers/p1?on_duplicate=reject", "{\"title\": \"Folding\","
                + " \"abstract\": \"We fold proteins with graphs, again.\"}", AUTH);

        assertThat(copy.status()).isEqualTo(409);
        assertThat(copy.json().get("verdict").asText()).isEqualTo("duplicate");
        assertThat(copy.json().get("matches").get(0).get("id").asText()).isEqualTo("p1");
        assertThat(http.get("/api/papers/p9").status()).isEqualTo(404);
        assertThat(itself.status()).as("a paper is no duplicate of its own old version").isEqualTo(200);
    }

    @Test
    void a_write_with_on_duplicate_reject_encodes_each_new_text_once() {
        int before = encoder.encodedTexts();

        var one = http.send("PUT", "/api/papers/p1?on_duplicate=reject", "{\"title\": \"Folding\","
                + " \"abstract\": \"We fold proteins with graphs.\"}", AUTH);
        var bulk = http.send("POST", "/api/papers/_bulk?on_duplicate=reject", "{\"id\": \"p2\", \"title\":"
                + " \"Speech\", \"abstract\": \"We recognise speech.\"}\n{\"id\": \"p3\", \"title\":"
                + " \"Vision\", \"abstract\": \"We segment images.\"}\n", AUTH);

        assertThat(one.status()).isEqualTo(201);
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.json().get("errors").asBoolean()).isFalse();
        assertThat(encoder.encodedTexts() - before).as("the duplicate check's vector is the one stored")
                .isEqualTo(3);
    }

    @Test
    void a_snapshot_is_written_beside_the_store_with_its_checksum() {
        http.send("PUT", "/api/papers/p1", "{\"title\": \"T\", \"abstract\": \"A.\"}", AUTH);

        var reply = http.send("POST", "/api/snapshots", null, AUTH);

        assertThat(reply.status()).isEqualTo(201);
        Path snapshot = Path.of(reply.json().get("path").asText());
        assertThat(snapshot).exists().startsWith(dir.resolve("snapshots"));
        assertThat(Path.of(reply.json().get("checksum_path").asText())).exists();
        assertThat(Files.exists(snapshot)).isTrue();
    }

    @Test
    void snapshots_taken_in_quick_succession_each_get_their_own_file() {
        var paths = new java.util.HashSet<String>();
        for (int i = 0; i < 5; i++) {
            var reply = http.send("POST", "/api/snapshots", null, AUTH);
            assertThat(reply.status()).isEqualTo(201);
            paths.add(reply.json().get("path").asText());
        }
        assertThat(paths).hasSize(5).allSatisfy(path -> assertThat(Path.of(path)).exists());
    }

    @Test
    void metadata_filters_act_inside_the_ranking_and_fields_adds_the_metadata() {
        for (int i = 0; i < 6; i++) {
            http.send("PUT", "/api/papers/p" + i, "{\"title\": \"Protein folding " + i + "\", \"abstract\": \"We fold"
                    + " proteins, study " + i + ".\", \"year\": " + (2015 + i) + ", \"venue\": \""
                    + (i % 2 == 0 ? "NeurIPS" : "ICML") + "\"}", AUTH);
        }

        var recent = http.get("/api/search?q=protein+folding&mode=vector&k=3&filter=year%3E%3D2019&fields=metadata");
        var neurips = http.get("/api/papers/p0/similar?k=10&filter=venue:NeurIPS");
        var posted = http.post("/api/similar", "{\"text\": \"protein folding\", \"k\": 10, \"filter\":"
                + " {\"year\": {\"lt\": 2017}}}");
        var hybrid = http.get("/api/search?q=protein&k=10&filter=venue:ICML&filter=year%3E2016");

        assertThat(recent.json().get("results").findValuesAsText("id")).as("two papers meet it; k is 3")
                .containsExactlyInAnyOrder("p4", "p5");
        assertThat(recent.json().get("results"))
                .allSatisfy(r -> assertThat(r.get("metadata").get("year").asInt()).isGreaterThanOrEqualTo(2019));
        assertThat(neurips.json().get("results").findValuesAsText("id")).containsExactlyInAnyOrder("p2", "p4");
        assertThat(posted.json().get("results").findValuesAsText("id")).containsExactlyInAnyOrder("p0", "p1");
        assertThat(hybrid.json().get("results").findValuesAsText("id")).containsExactlyInAnyOrder("p3", "p5");
        assertThat(http.get("/api/search?q=x&filter=year").status()).isEqualTo(400);
        assertThat(http.get("/api/search?q=x&fields=authors").json().get("detail").asText())
                .contains("unknown field 'authors'");
    }

    @Test
    void a_written_paper_is_found_by_every_question_and_a_deleted_one_by_none() {
        http.send("PUT", "/api/papers/base", "{\"title\": \"Speech\", \"abstract\": \"We recognise speech in"
                + " noisy rooms.\"}", AUTH);
        http.send("PUT", "/api/papers/new", "{\"title\": \"Protein folding\", \"abstract\": \"We fold proteins"
                + " with graph networks.\"}", AUTH);
        http.send("PUT", "/api/papers/twin", "{\"title\": \"Protein folding\", \"abstract\": \"We fold proteins"
                + " with graph networks.\"}", AUTH);

        assertThat(http.get("/api/papers/base/similar?explain=true").json().get("results").findValuesAsText("id"))
                .contains("new");
        assertThat(http.post("/api/duplicates/check", "{\"text\": \"Protein folding. We fold proteins with graph"
                + " networks.\"}").json().get("matches").findValuesAsText("id")).contains("new", "twin");
        assertThat(http.get("/api/duplicates?threshold=0.9").json().get("clusters").get(0).get("papers")
                .findValuesAsText("id")).containsExactly("new", "twin");
        // twin duplicates new: recommend leaves it out unless asked to include duplicates
        assertThat(http.post("/api/recommend", "{\"positive\": [\"new\"], \"explain\": true, "
                + "\"duplicates\": \"include\"}").json()
                .get("results").findValuesAsText("id")).contains("twin");

        http.send("DELETE", "/api/papers/twin", null, AUTH);

        assertThat(http.get("/api/papers/base/similar").json().get("results").findValuesAsText("id"))
                .doesNotContain("twin");
        assertThat(http.post("/api/duplicates/check", "{\"text\": \"Protein folding. We fold proteins with graph"
                + " networks.\"}").json().get("matches").findValuesAsText("id")).doesNotContain("twin");
        assertThat(http.get("/api/duplicates?threshold=0.9").json().get("clusters")).isEmpty();
        assertThat(http.post("/api/recommend", "{\"positive\": [\"twin\"]}").status()).isEqualTo(400);
        assertThat(http.get("/api/search?q=protein+graph&k=10").json().get("results").findValuesAsText("id"))
                .contains("new").doesNotContain("twin");
    }

    @Test
    void bad_writes_get_a_problem_naming_what_to_fix() {
        var blank = http.send("PUT", "/api/papers/p1", "{\"title\": \"T\", \"abstract\": \" \"}", AUTH);
        var otherId = http.send("PUT", "/api/papers/p1", "{\"id\": \"p2\", \"abstract\": \"A.\"}", AUTH);
        var badIfMatch = http.send("PUT", "/api/papers/p1", "{\"abstract\": \"A.\"}", "Authorization",
                "Bearer " + KEY, "If-Match", "latest");
        var badOption = http.send("PUT", "/api/papers/p1?on_duplicate=maybe", "{\"abstract\": \"A.\"}", AUTH);

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("detail").asText()).contains("field \"abstract\" is blank");
        assertThat(otherId.json().get("detail").asText()).contains("the path names 'p1'");
        assertThat(badIfMatch.status()).isEqualTo(400);
        assertThat(badOption.json().get("detail").asText()).contains("'store' (the default) or 'reject'");
        assertThat(store.count()).isZero();
    }
}
