package io.simdex.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.dedup.DuplicateService;
import io.simdex.ingest.CorpusIndexer;

import java.util.List;

/** A model's query instruction goes in front of free-text search queries and nowhere else. */
class QueryInstructionTest {

    private static final String INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private FakeEncoder encoder;
    private SearchService service;
    private DuplicateService duplicates;

    @BeforeEach
    void open() {
        var papers = List.of(
                new Paper("a", "Protein folding", "We study protein folding benchmarks.", List.of()),
                new Paper("b", "Speech", "We study speech recognition.", List.of()));
        encoder = new FakeEncoder(64, INSTRUCTION);
        var indexed = CorpusIndexer.index(new Corpus(papers, List.of()), encoder);
        service = new SearchService(indexed, encoder);
        duplicates = new DuplicateService(indexed, encoder);
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void papers_are_indexed_without_the_instruction() {
        assertThat(encoder.seenTexts()).hasSize(2).noneMatch(t -> t.startsWith(INSTRUCTION));
    }

    @Test
    void a_search_query_is_embedded_with_the_instruction_in_front() {
        service.search("protein folding", ResultFilter.top(1));

        assertThat(encoder.seenTexts()).last().isEqualTo(INSTRUCTION + "protein folding");
    }

    @Test
    void text_compared_as_a_paper_and_duplicate_checks_are_embedded_as_documents() {
        service.similarToText("Protein folding. We study protein folding benchmarks.", ResultFilter.top(1));
        duplicates.check("We study speech recognition.", 1, false);

        assertThat(encoder.seenTexts()).contains("Protein folding. We study protein folding benchmarks.",
                "We study speech recognition.").noneMatch(t -> t.startsWith(INSTRUCTION));
    }
}
