package io.simdex.ingest;

import io.simdex.corpus.Paper;
import io.simdex.store.StoredEmbedding;
import io.simdex.store.StoredPaper;
import io.simdex.store.VersionConflictException;
import io.simdex.store.WriteResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collection simdex serves, whichever backend holds it: what the HTTP API and the composition root need for
 * writes, versions and readiness, beside {@link #indexed()} for the use cases. {@link LiveCollection} keeps it in
 * SQLite with in-memory indexes; {@link ElasticCollection} in an Elasticsearch index.
 *
 * <p>A write is acknowledged only once the next read sees it.
 */
public interface PaperCollection extends AutoCloseable {

    /**
     * Creates or replaces a paper.
     *
     * @param expectedVersion the version the client last read ({@code If-Match}); 0 means "must not exist yet"
     * @return what the write did (created, replaced, or unchanged) and the paper as now stored
     * @throws VersionConflictException if the stored version is not the expected one; nothing changes
     */
    WriteResult put(Paper paper, Optional<Long> expectedVersion);

    /** {@link #put(Paper, Optional)} with the paper's vector already at hand ({@link #vectors(List)}). */
    WriteResult put(Paper paper, Optional<Long> expectedVersion, StoredEmbedding vector);

    /** The papers' vectors: those the collection holds for the same texts, the rest encoded now; nothing is written. */
    List<StoredEmbedding> vectors(List<Paper> papers);

    /** Creates or replaces papers (a later paper of the list wins over an earlier one with the same id). */
    default List<WriteResult> putAll(List<Paper> batch) {
        return putAll(batch, vectors(batch));
    }

    /**
     * {@link #putAll(List)} with the papers' vectors already at hand, so a caller that needed them first (a
     * duplicate check) does not have them encoded twice.
     *
     * @param vectors one per paper, in order
     */
    List<WriteResult> putAll(List<Paper> batch, List<StoredEmbedding> vectors);

    /**
     * Imports papers in batches, each one searchable once it is written.
     *
     * @param facts kept with the collection, e.g. an import's progress marker
     */
    Importer.Report importPapers(List<Paper> batch, String label, Map<String, String> facts);

    /**
     * Deletes a paper.
     *
     * @param expectedVersion the version the client last read ({@code If-Match})
     * @return false when there was no such paper (and no version was expected)
     * @throws VersionConflictException if the stored version is not the expected one; nothing changes
     */
    boolean delete(String id, Optional<Long> expectedVersion);

    /** A number that grows whenever papers are written or deleted through this collection. */
    long changes();

    /** How many papers opening the collection had to encode. */
    int encodedAtOpen();

    /** The paper as stored, with its version and timestamps. */
    Optional<StoredPaper> stored(String id);

    /** What the use cases search: live views of this collection. */
    IndexedCorpus indexed();

    /** Whether the collection answers now (its backend is reachable); never throws. */
    boolean available();

    /**
     * Where {@link #snapshot} writes, or empty when this backend keeps its own backups (Elasticsearch's snapshot
     * API) and simdex takes none.
     */
    Optional<Path> snapshotFolder();

    /**
     * Writes a consistent copy of the collection (and its checksum file) while it keeps serving.
     *
     * @throws UnsupportedOperationException when {@link #snapshotFolder()} is empty
     */
    void snapshot(Path out);

    /** Releases what the collection holds in memory; the backend's own resources stay with their owner. */
    @Override
    void close();
}
