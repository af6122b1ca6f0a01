package io.simdex.corpus;

import static io.simdex.corpus.TestPages.BUNDLED_PAGES;
import static io.simdex.corpus.TestPages.abstractAbout;
import static io.simdex.corpus.TestPages.bundledPage;
import static io.simdex.corpus.TestPages.layoutA;
import static io.simdex.corpus.TestPages.layoutB;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

class CorpusLoaderTest {

    private static final String ADAM = "Adam: A Method for Stochastic Optimization";
    private static final String BERT = "BERT: Pre-training of Deep Bidirectional Transformers";
    private static final String GAN = "Generative Adversarial Networks";

    private static Corpus bundled;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadBundledOnce() {
        bundled = CorpusLoader.load(CorpusLoader.BUNDLED);
    }

    @Test
    void loads_the_bundled_pages_into_772_unique_papers_with_url_safe_ids() {
        assertThat(bundled.size()).isEqualTo(772);
        assertThat(bundled.problems()).isEmpty();
        assertThat(bundled.papers()).extracting(Paper::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[a-z0-9-]+"))
                .isSorted();
        assertThat(bundled.papers()).extracting(Paper::title).doesNotHaveDuplicates();
        assertThat(bundled.papers().stream().mapToInt(paper -> paper.sources().size()).sum()).isEqualTo(809);
        assertThat(bundled.papers()).allSatisfy(paper ->
                assertThat(paper.sources()).isSortedAccordingTo(Comparator.naturalOrder()));
    }

    @Test
    void never_lets_a_chrome_line_become_a_title_or_part_of_one() {
        assertThat(bundled.papers()).extracting(Paper::title).allSatisfy(title -> {
            assertThat(DailyPapersParser.isChrome(title)).as(title).isFalse();
            assertThat(title).doesNotStartWith("Subscribe").doesNotStartWith("new ")
                    .doesNotContain("Get trending papers", "Daily Papers", "byAK and the research community");
            assertThat(title.lines().filter(DailyPapersParser::isChrome)).isEmpty();
        });
        assertThat(bundled.papers()).extracting(Paper::abstractText)
                .noneMatch(text -> text.contains("Get trending papers") || text.contains("byAK"));
        assertThat(bundled.papers()).extracting(Paper::title).contains(
                "CATSplat: Context-Aware Transformer with Spatial Guidance for Generalizable 3D Gaussian "
                        + "Splatting from A Single-View Image",
                "CREST: Cross-modal Resonance through Evidential Deep Learning for Enhanced Zero-Shot Learning");
    }

    @Test
    void records_every_page_a_bundled_paper_appears_in() {
        Paper paper = bundled.find("on-the-provable-advantage-of-unsupervised-pretraining").orElseThrow();

        assertThat(paper.title()).isEqualTo("On the Provable Advantage of Unsupervised Pretraining");
        assertThat(paper.sources()).containsExactly(
                new Source("000_98d0091421c7638e.txt", 77),
                new Source("001_7f4c8dc4282a0faf.txt", 243),
                new Source("002_1e5c895dbc8402f5.txt", 389),
                new Source("003_2377eb20dad792ff.txt", 193));
    }

    @Test
    void assigns_the_same_ids_whatever_order_the_pages_are_merged_in() {
        // given
        List<ParsedFile> pages = new ArrayList<>();
        for (String page : BUNDLED_PAGES) {
            pages.add(DailyPapersParser.parse(page, bundledPage(page)));
        }
        List<ParsedFile> reversed = new ArrayList<>(pages);
        Collections.reverse(reversed);
        List<ParsedFile> shuffled = new ArrayList<>(pages);
        Collections.shuffle(shuffled, new Random(20240731));

        // when / then
        assertThat(CorpusAssembler.assemble(reversed)).isEqualTo(bundled);
        assertThat(CorpusAssembler.assemble(shuffled)).isEqualTo(bundled);
    }

    @Test
    void assigns_the_same_ids_when_the_page_files_sort_in_reverse() throws IOException {
        // given the bundled pages under names that sort the other way round
        for (int i = 0; i < BUNDLED_PAGES.size(); i++) {
            write((char) ('z' - i) + "_" + BUNDLED_PAGES.get(i), bundledPage(BUNDLED_PAGES.get(i)));
        }

        // when
        Corpus renamed = CorpusLoader.load(dir.toString());

        // then
        assertThat(idsByTitle(renamed)).isEqualTo(idsByTitle(bundled));
    }

    @Test
    void merges_a_paper_repeated_in_two_pages_and_twice_in_one_page_into_one_paper_with_all_sources()
            throws IOException {
        // given ADAM twice in a.txt (lines 3 and 7) and once in b.txt (line 13)
        write("b.txt", layoutA(ADAM, abstractAbout("optimization")));
        write("a.txt", layoutB(ADAM, abstractAbout("optimization"), BERT, abstractAbout("pre-training"),
                ADAM, abstractAbout("optimization")));

        // when
        Corpus corpus = CorpusLoader.load(dir.toString());

        // then
        assertThat(corpus.problems()).isEmpty();
        assertThat(corpus.papers()).extracting(Paper::id, Paper::sources).containsExactly(
                tuple("adam-a-method-for-stochastic-optimization",
                        List.of(new Source("a.txt", 3), new Source("a.txt", 7), new Source("b.txt", 13))),
                tuple("bert-pre-training-of-deep-bidirectional-transformers", List.of(new Source("a.txt", 5))));
    }

    @Test
    void keeps_the_first_abstract_of_a_repeated_title_and_reports_the_different_one() throws IOException {
        write("a.txt", layoutB(ADAM, abstractAbout("optimization")));
        write("b.txt", layoutB(ADAM, abstractAbout("something else")));

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.papers()).singleElement().satisfies(paper -> {
            assertThat(paper.abstractText()).isEqualTo(abstractAbout("optimization"));
            assertThat(paper.sources()).containsExactly(new Source("a.txt", 3), new Source("b.txt", 3));
        });
        assertThat(corpus.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.describe()).startsWith("b.txt:3: same title as a.txt:3 but a different abstract");
        });
    }

    @Test
    void loads_every_page_and_jsonl_file_of_a_directory_but_not_other_files_or_subdirectories() throws IOException {
        // given
        write("page.txt", layoutA(ADAM, abstractAbout("optimization")));
        write("extra.jsonl", "{\"id\": \"bert\", \"title\": \"" + BERT + "\", \"abstract\": \"We introduce BERT.\"}\n");
        write("notes.md", layoutA(GAN, abstractAbout("adversarial games")));
        Files.createDirectory(dir.resolve("nested"));
        write("nested/more.txt", layoutA(GAN, abstractAbout("adversarial games")));

        // when
        Corpus corpus = CorpusLoader.load(dir.toString());

        // then
        assertThat(corpus.papers()).extracting(Paper::id, Paper::title).containsExactly(
                tuple("adam-a-method-for-stochastic-optimization", ADAM),
                tuple("bert", BERT));
    }

    @Test
    void loads_a_single_page_file() throws IOException {
        Path page = write("only.txt", layoutB(GAN, abstractAbout("adversarial games")));

        Corpus corpus = CorpusLoader.load(page.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::sources)
                .containsExactly(tuple("generative-adversarial-networks", List.of(new Source("only.txt", 3))));
    }

    @Test
    void loads_a_single_jsonl_file_using_explicit_ids_as_given_and_slugs_otherwise() throws IOException {
        Path jsonl = write("papers.jsonl", """
                {"id": "Adam_2014.v1", "title": "%s", "abstract": "We introduce Adam."}
                {"title": "%s", "abstract": "We introduce BERT."}
                {"title": "broken"
                """.formatted(ADAM, BERT));

        Corpus corpus = CorpusLoader.load(jsonl.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::title).containsExactly(
                tuple("Adam_2014.v1", ADAM),
                tuple("bert-pre-training-of-deep-bidirectional-transformers", BERT));
        assertThat(corpus.problems()).extracting(CorpusProblem::file, CorpusProblem::line)
                .containsExactly(tuple("papers.jsonl", 3));
    }

    @Test
    void merges_a_jsonl_paper_with_the_same_page_paper_under_its_explicit_id() throws IOException {
        write("a.txt", layoutB(ADAM, abstractAbout("optimization")));
        write("b.jsonl", "{\"id\": \"adam\", \"title\": \"" + ADAM + "\", \"abstract\": \""
                + abstractAbout("optimization") + "\"}\n");

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::sources)
                .containsExactly(tuple("adam", List.of(new Source("a.txt", 3), new Source("b.jsonl", 1))));
    }

    @Test
    void one_explicit_id_in_two_files_is_one_paper_and_the_first_wins() throws IOException {
        write("a.jsonl", "{\"id\": \"p1\", \"title\": \"" + ADAM + "\", \"abstract\": \"We introduce Adam.\"}\n");
        write("b.jsonl", "{\"id\": \"p1\", \"title\": \"" + BERT + "\", \"abstract\": \"We introduce BERT.\"}\n");

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::title, Paper::sources).containsExactly(
                tuple("p1", ADAM, List.of(new Source("a.jsonl", 1), new Source("b.jsonl", 1))));
        assertThat(corpus.problems()).extracting(CorpusProblem::describe).containsExactly(
                "b.jsonl:1: same id 'p1' as a.jsonl:1 but another title; kept the title from a.jsonl:1",
                "b.jsonl:1: same id 'p1' as a.jsonl:1 but a different abstract; kept the abstract from a.jsonl:1");
    }

    @Test
    void papers_with_distinct_ids_are_never_merged_even_under_one_title() throws IOException {
        write("summaries.jsonl", "{\"id\": \"s1\", \"title\": \"Summary\", \"abstract\": \"First.\"}\n"
                + "{\"id\": \"s2\", \"title\": \"Summary\", \"abstract\": \"Second.\"}\n"
                + "{\"id\": 3, \"title\": \"Summary\", \"abstract\": \"Third.\"}\n");

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::abstractText).containsExactly(
                tuple("3", "Third."), tuple("s1", "First."), tuple("s2", "Second."));
        assertThat(corpus.problems()).isEmpty();
    }

    @Test
    void untitled_papers_without_ids_are_kept_apart_by_their_abstracts() throws IOException {
        write("untitled.jsonl", "{\"abstract\": \"We study folding.\"}\n{\"title\": \"\", \"abstract\": \"We study"
                + " speech.\"}\n{\"abstract\": \"We study folding.\"}\n");

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::title, p -> p.sources().size()).containsExactly(
                tuple("we-study-folding", "", 2), tuple("we-study-speech", "", 1));
    }

    @Test
    void reads_a_beir_folder_as_its_corpus_file_alone_gzipped_or_not() throws IOException {
        // given a BEIR folder: corpus.jsonl.gz beside queries.jsonl and qrels/
        try (var gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("corpus.jsonl.gz")))) {
            gzip.write(("{\"_id\": \"4983\", \"title\": \"White matter\", \"text\": \"We image newborns.\","
                    + " \"metadata\": {}}\n{\"_id\": \"5836\", \"title\": \"\", \"text\": \"An untitled one.\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        write("queries.jsonl", "{\"_id\": \"1\", \"text\": \"a claim, not a paper\", \"metadata\": {}}\n");

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.problems()).isEmpty();
        assertThat(corpus.papers()).extracting(Paper::id, Paper::title, Paper::abstractText).containsExactly(
                tuple("4983", "White matter", "We image newborns."), tuple("5836", "", "An untitled one."));
    }

    @Test
    void reads_csv_files_beside_pages_and_jsonl() throws IOException {
        write("a.csv", "id,title,abstract,year\nc1,From CSV,We read CSV.,2021\n");
        write("b.jsonl", "{\"id\": \"j1\", \"title\": \"From JSONL\", \"abstract\": \"We read JSONL.\"}\n");

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::metadata)
                .containsExactly(tuple("c1", Map.of("year", "2021")), tuple("j1", Map.of()));
        assertThat(CorpusLoader.load(dir.resolve("a.csv").toString()).size()).isEqualTo(1);
    }

    @Test
    void a_broken_gzip_file_is_reported_and_the_others_are_read() throws IOException {
        Files.write(dir.resolve("broken.jsonl.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
        write("b.jsonl", "{\"id\": \"j1\", \"title\": \"T\", \"abstract\": \"A.\"}\n");

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.size()).isEqualTo(1);
        assertThat(corpus.problems()).extracting(CorpusProblem::describe).singleElement().asString()
                .startsWith("broken.jsonl.gz:0: not a readable gzip file");
    }

    @Test
    void a_byte_that_is_not_utf8_costs_only_its_line_a_problem_and_the_rest_is_read() throws IOException {
        // given a JSONL file whose second line holds a stray Latin-1 byte
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("{\"id\": \"a\", \"title\": \"A\", \"abstract\": \"First.\"}\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes("{\"id\": \"b\", \"title\": \"Caf".getBytes(StandardCharsets.UTF_8));
        out.write(0xE9);
        out.writeBytes("\", \"abstract\": \"Second.\"}\n{\"id\": \"c\", \"title\": \"C\", \"abstract\": \"Third.\"}\n"
                .getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("mixed.jsonl"), out.toByteArray());

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::title)
                .containsExactly(tuple("a", "A"), tuple("b", "Caf\uFFFD"), tuple("c", "C"));
        assertThat(corpus.problems()).extracting(CorpusProblem::describe).containsExactly(
                "mixed.jsonl:2: bytes that are not UTF-8, read as U+FFFD; save the file as UTF-8");
    }

    @Test
    void loads_the_bundled_pages_from_inside_a_jar() throws IOException {
        // given a jar laid out as the shade plugin writes it (directory entries included)
        Path jar = dir.resolve("simdex with space.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("corpus/"));
            out.closeEntry();
            for (String page : BUNDLED_PAGES) {
                out.putNextEntry(new JarEntry("corpus/" + page));
                out.write(bundledPage(page).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }

        // when
        Corpus fromJar;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(loader.getResource(CorpusLoader.RESOURCE_FOLDER)).hasProtocol("jar");
            fromJar = CorpusLoader.loadBundled(loader);
        }

        // then
        assertThat(fromJar).isEqualTo(bundled);
    }

    @Test
    void names_the_missing_path_and_what_is_accepted() {
        Path missing = dir.resolve("no-such-corpus");

        assertThatThrownBy(() -> CorpusLoader.load(missing.toString()))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("'bundled', a directory");
    }

    @Test
    void rejects_a_directory_without_page_or_jsonl_files() throws IOException {
        write("readme.md", "nothing here");

        assertThatThrownBy(() -> CorpusLoader.load(dir.toString()))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("holds no .txt page, .jsonl or .csv file");
    }

    @Test
    void rejects_a_file_of_another_kind() throws IOException {
        Path csv = write("papers.csv", "title,abstract\n");

        assertThatThrownBy(() -> CorpusLoader.load(csv.toString()))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining(".jsonl");
    }

    @Test
    void rejects_a_location_that_yields_no_papers_and_lists_the_problems() throws IOException {
        write("empty.txt", "");
        write("chrome.txt", layoutA());

        assertThatThrownBy(() -> CorpusLoader.load(dir.toString()))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("yielded no papers")
                .hasMessageContaining("chrome.txt:0: no papers found")
                .hasMessageContaining("empty.txt:0: empty page");
    }

    @Test
    void rejects_a_blank_location() {
        assertThatThrownBy(() -> CorpusLoader.load(" "))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining("blank");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static Map<String, String> idsByTitle(Corpus corpus) {
        return corpus.papers().stream().collect(toMap(Paper::title, Paper::id));
    }
}
