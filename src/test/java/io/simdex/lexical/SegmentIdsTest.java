package io.simdex.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Ids by document number, held per segment while it is open. */
class SegmentIdsTest {

    @Test
    void every_document_of_every_segment_has_its_stored_id_and_closed_segments_are_dropped() throws Exception {
        try (var directory = new ByteBuffersDirectory();
             var writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer())
                     .setMergePolicy(NoMergePolicy.INSTANCE))) {
            // given three segments, one with a deleted document
            for (int segment = 0; segment < 3; segment++) {
                for (int i = 0; i < 5; i++) {
                    var doc = new Document();
                    doc.add(new StringField("id", "p" + segment + "-" + i, Field.Store.YES));
                    writer.addDocument(doc);
                }
                writer.commit();
            }
            writer.deleteDocuments(new Term("id", "p1-2"));
            writer.commit();
            var ids = new SegmentIds("id");

            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSize(3);

                // when every document number is looked up
                var found = new ArrayList<String>();
                var stored = reader.storedFields();
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    String id = ids.id(reader.leaves(), doc);
                    assertThat(id).isEqualTo(stored.document(doc, Set.of("id")).get("id"));
                    found.add(id);
                }

                // then each has its own id, and each segment was read once
                assertThat(found).hasSize(15).doesNotHaveDuplicates().contains("p0-0", "p2-4");
                assertThat(ids.segmentsHeld()).isEqualTo(3);
                assertThat(ids.id(reader.leaves(), 14)).isEqualTo("p2-4");
                assertThat(ids.segmentsHeld()).isEqualTo(3);
            }

            // and once the segments close, nothing is held for them
            assertThat(ids.segmentsHeld()).isZero();
        }
    }

    @Test
    void a_reader_opened_after_more_writes_sees_the_new_documents() throws Exception {
        try (var directory = new ByteBuffersDirectory();
             var writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            var ids = new SegmentIds("id");
            add(writer, List.of("a", "b"));
            try (DirectoryReader first = DirectoryReader.open(writer)) {
                assertThat(ids.id(first.leaves(), 1)).isEqualTo("b");
                add(writer, List.of("c"));
                try (DirectoryReader second = DirectoryReader.openIfChanged(first, writer)) {
                    assertThat(second).isNotNull();
                    assertThat(ids.id(second.leaves(), 2)).isEqualTo("c");
                    assertThat(ids.id(second.leaves(), 0)).isEqualTo("a");
                }
            }
        }
    }

    private static void add(IndexWriter writer, List<String> ids) throws Exception {
        for (String id : ids) {
            var doc = new Document();
            doc.add(new StringField("id", id, Field.Store.YES));
            writer.addDocument(doc);
        }
    }
}
