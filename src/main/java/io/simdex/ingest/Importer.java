package io.simdex.ingest;

import io.simdex.corpus.Paper;
import io.simdex.encode.Encoder;
import io.simdex.store.PaperStore;
import io.simdex.store.PaperWrite;
import io.simdex.store.StoredEmbedding;
import io.simdex.store.WriteResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Brings papers into the store in batches: each batch's texts that the store has no vector for (under this
 * model) are encoded together, then the batch is committed in one transaction with its vectors. The next
 * {@value #AHEAD} batches are encoded while one commits ({@link VectorsAhead}), so the store costs the encoder no
 * time. A kill loses at most the batches in flight, and running the same import again costs only reads: stored
 * papers are unchanged and their vectors found by text. Logs a progress line (papers/s, ETA) per batch.
 */
public final class Importer {

    /** Papers per transaction: big enough that a commit is a small part of encoding them, small enough to lose. */
    public static final int DEFAULT_BATCH = 256;

    /** Batches encoded ahead of the commit: two, so one batch's last model calls overlap the next one's first. */
    static final int AHEAD = 2;

    private final PaperStore store;
    private final Encoder encoder;
    private final int batchSize;

    /**
     * @param batchSize papers per transaction, {@code >= 1}
     */
    public Importer(PaperStore store, Encoder encoder, int batchSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * What an import did.
     *
     * @param papers    papers read
     * @param created   papers that were new
     * @param replaced  papers whose content changed
     * @param unchanged papers the store already held as they are
     * @param encoded   texts that had to be encoded (the rest had a stored vector)
     * @param seconds   wall time
     */
    public record Report(int papers, int created, int replaced, int unchanged, int encoded, double seconds) {
    }

    /**
     * Imports {@code papers} (upserts, last write wins), committing each batch with {@code facts} (e.g. a progress
     * marker), then hands each committed batch to {@code committed} (results and vectors, in order).
     *
     * @param label what is imported, for the progress lines
     */
    public Report run(List<Paper> papers, String label, Map<String, String> facts,
            BiConsumer<List<WriteResult>, List<StoredEmbedding>> committed) {
        var source = new VectorSource(store, encoder);
        var progress = new ImportProgress("import " + label, papers.size());
        long start = System.nanoTime();
        int created = 0;
        int replaced = 0;
        int unchanged = 0;
        int encoded = 0;
        var batches = new ArrayList<List<Paper>>();
        for (int from = 0; from < papers.size(); from += batchSize) {
            batches.add(papers.subList(from, Math.min(papers.size(), from + batchSize)));
        }
        int done = 0;
        try (var ahead = new VectorsAhead(source, batches, AHEAD)) {
            for (List<Paper> batch : batches) {
                VectorSource.Vectors found = ahead.next();
                List<StoredEmbedding> vectors = found.vectors();
                encoded += found.encoded();
                var writes = new ArrayList<PaperWrite>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    writes.add(PaperWrite.of(batch.get(i), vectors.get(i)));
                }
                List<WriteResult> results = store.putAll(writes, facts);
                for (WriteResult result : results) {
                    switch (result.outcome()) {
                        case CREATED -> created++;
                        case REPLACED -> replaced++;
                        case UNCHANGED -> unchanged++;
                    }
                }
                committed.accept(results, vectors);
                done += batch.size();
                progress.log(done);
            }
        }
        return new Report(papers.size(), created, replaced, unchanged, encoded, (System.nanoTime() - start) / 1e9);
    }
}
