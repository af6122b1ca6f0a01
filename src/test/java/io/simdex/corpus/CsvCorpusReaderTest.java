package io.simdex.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

class CsvCorpusReaderTest {

    @Test
    void reads_named_columns_with_quoted_cells_and_keeps_the_other_columns_as_metadata() {
        // given a header, a quoted cell with a comma, a cell spanning two lines, and an empty cell
        String text = "id,title,abstract,year,venue\r\n"
                + "p1,\"Adam, a method\",We introduce Adam.,2014,ICLR\r\n"
                + "p2,BERT,\"We introduce\nBERT.\",2019,\r\n";

        ParsedFile parsed = CsvCorpusReader.read("papers.csv", text);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.papers()).extracting(RawPaper::id, RawPaper::title, RawPaper::abstractText,
                RawPaper::source).containsExactly(
                tuple(Optional.of("p1"), "Adam, a method", "We introduce Adam.", new Source("papers.csv", 2)),
                tuple(Optional.of("p2"), "BERT", "We introduce BERT.", new Source("papers.csv", 3)));
        assertThat(parsed.papers().get(0).metadata()).containsExactly(entry("year", "2014"), entry("venue", "ICLR"));
        assertThat(parsed.papers().get(1).metadata()).containsExactly(entry("year", "2019"));
    }

    @Test
    void reads_beir_column_names_and_rows_without_a_title() {
        String text = "_id,title,text\n42,,An abstract without a title.\n";

        ParsedFile parsed = CsvCorpusReader.read("corpus.csv", text);

        assertThat(parsed.papers()).extracting(RawPaper::id, RawPaper::title, RawPaper::metadata)
                .containsExactly(tuple(Optional.of("42"), "", Map.of()));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "p9,Title,Abstract,extra|the row has 4 cells but the header names 3 columns",
            "p9,Title,|missing \"abstract\"",
            "p 9,Title,Abstract|is not URL-safe",
            "p1,Again,Abstract|id 'p1' already used on line 2"})
    void skips_a_bad_row_with_a_problem_naming_file_line_and_field(String badRow, String expected) {
        String text = "id,title,abstract\np1,First,One.\n" + badRow + "\np3,Third,Three.\n";

        ParsedFile parsed = CsvCorpusReader.read("bad.csv", text);

        assertThat(parsed.papers()).extracting(RawPaper::title).containsExactly("First", "Third");
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.describe()).startsWith("bad.csv:3: ").contains(expected).endsWith("row skipped");
        });
    }

    @Test
    void a_header_without_an_abstract_column_says_what_the_first_row_must_hold() {
        ParsedFile parsed = CsvCorpusReader.read("no-header.csv", "p1,Adam,We introduce Adam.\n");

        assertThat(parsed.papers()).isEmpty();
        assertThat(parsed.problems()).extracting(CorpusProblem::describe).first().asString()
                .startsWith("no-header.csv:1: the header has no \"abstract\" (or \"text\") column");
    }
}
