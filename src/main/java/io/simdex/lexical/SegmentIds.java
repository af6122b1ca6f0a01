package io.simdex.lexical;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paper id of each Lucene document, read once per segment from the stored fields and kept in an array until
 * the segment closes. A hit's id is then an array lookup: reading it from the stored fields on every search
 * decompresses a block per hit, which cost a hybrid search more CPU than its BM25 ranking. A segment's documents
 * never change their number (a deletion only marks one), so an array read once stays right for the segment's life.
 */
final class SegmentIds {

    private final String field;
    private final Map<IndexReader.CacheKey, String[]> bySegment = new ConcurrentHashMap<>();

    /** Ids from the stored field {@code field}. */
    SegmentIds(String field) {
        this.field = field;
    }

    /** The id of top-level document {@code doc} among {@code leaves} (a reader's leaves, in order). */
    String id(List<LeafReaderContext> leaves, int doc) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        return ids(leaf.reader())[doc - leaf.docBase];
    }

    /** Segments whose ids are held now. */
    int segmentsHeld() {
        return bySegment.size();
    }

    private String[] ids(LeafReader reader) {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return read(reader);
        }
        String[] held = bySegment.get(helper.getKey());
        if (held != null) {
            return held;
        }
        String[] read = read(reader);
        if (bySegment.putIfAbsent(helper.getKey(), read) == null) {
            helper.addClosedListener(bySegment::remove);
        }
        return read;
    }

    private String[] read(LeafReader reader) {
        try {
            StoredFields stored = reader.storedFields();
            var ids = new String[reader.maxDoc()];
            for (int doc = 0; doc < ids.length; doc++) {
                ids[doc] = stored.document(doc, Set.of(field)).get(field);
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ids of a lexical index segment", e);
        }
    }
}
