package io.simdex.ingest;

import io.simdex.corpus.Paper;
import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;
import io.simdex.store.PaperStore;
import io.simdex.store.StoredEmbedding;

import java.util.ArrayList;
import java.util.List;

/**
 * The vector of each paper's text under the encoder's model: the store's when the text was embedded before (by
 * any paper, under any id), else encoded, all of a batch's new texts in one call. The one place imports, writes
 * and start-up get their vectors from, so no text is encoded twice.
 */
public final class VectorSource {

    private final PaperStore store;
    private final Encoder encoder;

    public VectorSource(PaperStore store, Encoder encoder) {
        this.store = store;
        this.encoder = encoder;
    }

    /**
     * The papers' vectors, in order, and how many had to be encoded.
     *
     * @param vectors one per paper; not yet stored
     * @param encoded how many of them were encoded now (the rest were in the store)
     */
    public record Vectors(List<StoredEmbedding> vectors, int encoded) {
    }

    /** Every paper's vector, in order; an empty list for no papers. */
    public Vectors of(List<Paper> papers) {
        String model = encoder.modelId();
        var vectors = new ArrayList<StoredEmbedding>(papers.size());
        var missing = new ArrayList<Integer>();
        for (Paper paper : papers) {
            StoredEmbedding known = store.embedding(model, StoredEmbedding.textSha256(paper.embeddingText()))
                    .orElse(null);
            if (known == null) {
                missing.add(vectors.size());
            }
            vectors.add(known);
        }
        if (!missing.isEmpty()) {
            List<Embedding> fresh = encoder.encode(missing.stream().map(i -> papers.get(i).embeddingText()).toList());
            for (int j = 0; j < missing.size(); j++) {
                String text = papers.get(missing.get(j)).embeddingText();
                Embedding e = fresh.get(j);
                vectors.set(missing.get(j), StoredEmbedding.of(model, text, e.vector(), e.tokens(),
                        e.tokensEmbedded()));
            }
        }
        return new Vectors(List.copyOf(vectors), missing.size());
    }

    /** One paper's vector. */
    public StoredEmbedding of(Paper paper) {
        return of(List.of(paper)).vectors().get(0);
    }
}
