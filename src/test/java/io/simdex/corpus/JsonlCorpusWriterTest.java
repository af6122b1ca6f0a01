package io.simdex.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code simdex export} writes reads back to the same papers. */
class JsonlCorpusWriterTest {

    @Test
    void the_bundled_corpus_reads_back_to_the_same_papers() throws IOException {
        Corpus bundled = CorpusLoader.load(CorpusLoader.BUNDLED);

        Corpus again = roundTrip(bundled.papers());

        assertThat(again.problems()).isEmpty();
        assertThat(again.papers()).extracting(JsonlCorpusWriterTest::content)
                .containsExactlyElementsOf(bundled.papers().stream().map(JsonlCorpusWriterTest::content).toList());
    }

    @Test
    void metadata_untitled_papers_and_numbers_survive_the_round_trip() throws IOException {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("year", 2020L);
        metadata.put("score", new BigDecimal("0.10"));
        metadata.put("authors", List.of("A", "B"));
        metadata.put("venue", Map.of("name", "NeurIPS"));
        metadata.put("doi", null);
        var papers = List.of(new Paper("42", "", "An untitled abstract.", List.of(), metadata),
                new Paper("p-1", "Title", "Another abstract.", List.of()));

        Corpus again = roundTrip(papers);

        assertThat(again.papers()).extracting(JsonlCorpusWriterTest::content)
                .containsExactlyElementsOf(papers.stream().map(JsonlCorpusWriterTest::content).toList());
    }

    private static Corpus roundTrip(List<Paper> papers) throws IOException {
        var out = new StringWriter();
        JsonlCorpusWriter.write(papers, out);
        return CorpusAssembler.assemble(List.of(JsonlCorpusReader.read("export.jsonl", out.toString())));
    }

    /** A paper without its sources, which say where it was read. */
    private static List<Object> content(Paper paper) {
        return List.of(paper.id(), paper.title(), paper.abstractText(), paper.metadata());
    }
}
