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
    void gives_a_slug_id_to_a_later_title_that_reuses_an_explicit_id_of_another_file() throws IOException {
        write("a.jsonl", "{\"id\": \"p1\", \"title\": \"" + ADAM + "\", \"abstract\": \"We introduce Adam.\"}\n");
        write("b.jsonl", "{\"id\": \"p1\", \"title\": \"" + BERT + "\", \"abstract\": \"We introduce BERT.\"}\n");

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.papers()).extracting(Paper::id, Paper::title).containsExactly(
                tuple("bert-pre-training-of-deep-bidirectional-transformers", BERT),
                tuple("p1", ADAM));
        assertThat(corpus.problems()).extracting(CorpusProblem::describe)
                .singleElement().asString().startsWith("b.jsonl:1: id 'p1' already used at a.jsonl:1");
    }

    @Test
    void reports_a_file_that_is_not_utf8_and_keeps_the_others() throws IOException {
        write("a.txt", layoutB(ADAM, abstractAbout("optimization")));
        Files.write(dir.resolve("b.txt"), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});

        Corpus corpus = CorpusLoader.load(dir.toString());

        assertThat(corpus.size()).isEqualTo(1);
        assertThat(corpus.problems()).extracting(CorpusProblem::describe)
                .containsExactly("b.txt:0: not valid UTF-8, file skipped");
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
                .hasMessageContaining("holds no .txt page or .jsonl file");
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
