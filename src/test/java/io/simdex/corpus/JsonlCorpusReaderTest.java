package io.simdex.corpus;

import static io.simdex.corpus.TestPages.abstractAbout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

class JsonlCorpusReaderTest {

    private static final String GOOD_1 = "{\"id\": \"adam-2014\", \"title\": \"Adam\", \"abstract\": \"We introduce Adam.\"}";
    private static final String GOOD_3 = "{\"title\": \"BERT\", \"abstract\": \"We introduce BERT.\"}";

    @Test
    void reads_one_paper_per_line_with_or_without_id_skipping_blank_lines_and_unknown_fields() {
        // given
        String text = GOOD_1 + "\n\n"
                + "{\"title\": \"  Attention   Is All\\nYou Need \", \"abstract\": \"" + abstractAbout("attention")
                + "\", \"year\": 2017, \"authors\": [\"Vaswani\"]}\n";

        // when
        ParsedFile parsed = JsonlCorpusReader.read("papers.jsonl", text);

        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers())
                .extracting(RawPaper::id, RawPaper::title, RawPaper::source)
                .containsExactly(
                        tuple(Optional.of("adam-2014"), "Adam", new Source("papers.jsonl", 1)),
                        tuple(Optional.empty(), "Attention Is All You Need", new Source("papers.jsonl", 3)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"title\": \"X\", \"abstract\": |invalid JSON",
            "not json at all|invalid JSON",
            "{\"title\": \"X\", \"abstract\": \"Y\"} trailing|invalid JSON",
            "{\"title\": \"X\", \"title\": \"Z\", \"abstract\": \"Y\"}|invalid JSON",
            "[\"X\", \"Y\"]|expected a JSON object",
            "{\"title\": \"X\", \"abstract\": 5}|field \"abstract\" must be text, got a number",
            "{\"title\": \"X\"}|missing \"abstract\"",
            "{\"title\": \"X\", \"abstract\": \"   \"}|field \"abstract\" is blank",
            "{\"title\": \"X\", \"text\": \"   \"}|field \"text\" is blank",
            "{\"title\": 42, \"abstract\": \"Y\"}|field \"title\" must be text, got a number",
            "{\"title\": \"X\", \"abstract\": \"Y\", \"text\": \"Z\"}|fields \"abstract\" and \"text\" mean the same",
            "{\"id\": \"x\", \"_id\": \"y\", \"title\": \"X\", \"abstract\": \"Y\"}|fields \"id\" and \"_id\" mean the same",
            "{\"title\": \"X\", \"abstract\": \"Y\", \"metadata\": 5}|field \"metadata\" must be an object",
            "{\"title\": \"X\", \"abstract\": \"Y\", \"year\": 1, \"metadata\": {\"year\": 2}}|\"metadata.year\" repeats",
            "{\"id\": \"has space\", \"title\": \"X\", \"abstract\": \"Y\"}|is not URL-safe",
            "{\"id\": \"a/b\", \"title\": \"X\", \"abstract\": \"Y\"}|is not URL-safe",
            "{\"id\": 7.5, \"title\": \"X\", \"abstract\": \"Y\"}|field \"id\" must be text or a whole number",
            "{\"_id\": true, \"title\": \"X\", \"abstract\": \"Y\"}|field \"_id\" must be text or a whole number",
            "{\"id\": \"adam-2014\", \"title\": \"X\", \"abstract\": \"Y\"}|id 'adam-2014' already used on line 1"})
    void skips_a_bad_line_whole_with_a_problem_naming_file_and_line(String badLine, String expectedMessage) {
        // given a bad line between two good ones
        String text = GOOD_1 + "\n" + badLine + "\n" + GOOD_3 + "\n";

        // when
        ParsedFile parsed = JsonlCorpusReader.read("bad.jsonl", text);

        // then
        assertThat(parsed.papers()).extracting(RawPaper::title).containsExactly("Adam", "BERT");
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("bad.jsonl");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).contains(expectedMessage).endsWith("line skipped");
        });
    }

    @Test
    void keeps_every_other_field_as_metadata_as_it_came() {
        String text = "{\"id\": \"p\", \"title\": \"T\", \"abstract\": \"A.\", \"year\": 2017, \"score\": 0.10,"
                + " \"authors\": [\"Vaswani\", \"Shazeer\"], \"venue\": {\"name\": \"NeurIPS\"}, \"doi\": null}\n";

        RawPaper paper = JsonlCorpusReader.read("m.jsonl", text).papers().get(0);

        assertThat(paper.metadata()).containsExactly(
                entry("year", 2017L), entry("score", new java.math.BigDecimal("0.10")),
                entry("authors", List.of("Vaswani", "Shazeer")), entry("venue", Map.of("name", "NeurIPS")),
                entry("doi", null));
    }

    @Test
    void reads_a_beir_corpus_line_as_it_is() {
        // given SciFact's corpus.jsonl layout: _id (digits), title, text, and a metadata object
        String text = "{\"_id\": \"4983\", \"title\": \"Microstructural development of human newborn cerebral white"
                + " matter\", \"text\": \"Alterations of the architecture of cerebral white matter.\", \"metadata\":"
                + " {\"source\": \"pubmed\"}}\n"
                + "{\"_id\": 5836, \"title\": \"\", \"text\": \"A paper without a title.\", \"metadata\": {}}\n";

        ParsedFile parsed = JsonlCorpusReader.read("corpus.jsonl", text);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers()).extracting(RawPaper::id, RawPaper::title, RawPaper::abstractText,
                RawPaper::metadata).containsExactly(
                tuple(Optional.of("4983"), "Microstructural development of human newborn cerebral white matter",
                        "Alterations of the architecture of cerebral white matter.", Map.of("source", "pubmed")),
                tuple(Optional.of("5836"), "", "A paper without a title.", Map.of()));
    }

    @Test
    void rejects_an_id_longer_than_128_characters_and_accepts_exactly_128() {
        String id128 = "a".repeat(128);
        String text = "{\"id\": \"" + id128 + "\", \"title\": \"X\", \"abstract\": \"Y\"}\n"
                + "{\"id\": \"" + id128 + "b\", \"title\": \"Z\", \"abstract\": \"Y\"}\n";

        ParsedFile parsed = JsonlCorpusReader.read("ids.jsonl", text);

        assertThat(parsed.papers()).extracting(RawPaper::id).containsExactly(Optional.of(id128));
        assertThat(parsed.problems()).extracting(CorpusProblem::line).containsExactly(2);
    }

    @Test
    void treats_a_null_id_as_no_id() {
        ParsedFile parsed = JsonlCorpusReader.read("n.jsonl", "{\"id\": null, \"title\": \"X\", \"abstract\": \"Y\"}");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers()).extracting(RawPaper::id).containsExactly(Optional.empty());
    }

    @Test
    void strips_a_byte_order_mark_and_accepts_crlf_line_ends() {
        ParsedFile parsed = JsonlCorpusReader.read("crlf.jsonl", "\uFEFF" + GOOD_1 + "\r\n\r\n" + GOOD_3 + "\r\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers()).extracting(RawPaper::source)
                .containsExactly(new Source("crlf.jsonl", 1), new Source("crlf.jsonl", 3));
    }

    @Test
    void reports_a_file_without_any_paper_at_line_zero() {
        assertThat(JsonlCorpusReader.read("e.jsonl", "\n \n").problems())
                .containsExactly(new CorpusProblem("e.jsonl", 0, "empty file"));
        assertThat(JsonlCorpusReader.read("x.jsonl", "{}\n").problems())
                .extracting(CorpusProblem::line).containsExactly(1, 0);
    }
}
