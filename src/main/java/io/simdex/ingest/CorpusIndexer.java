package io.simdex.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;
import io.simdex.index.FlatIndex;
import io.simdex.index.IndexOptions;
import io.simdex.lexical.LexicalDocument;
import io.simdex.lexical.LexicalIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Indexes a fixed corpus in memory: embeds every paper into a {@link FlatIndex} and its words into a
 * {@link LexicalIndex}, with nothing kept on disk. For tests and tools over a set of papers; the service builds
 * its indexes from the store ({@link LiveCollection}).
 */
public final class CorpusIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);

    /** Texts per progress line; large enough to keep every worker busy between lines. */
    private static final int PROGRESS_CHUNK = 64;

    private CorpusIndexer() {
    }

    /** Builds an index with the default {@link IndexOptions}. */
    public static IndexedCorpus index(Corpus corpus, Encoder encoder) {
        return index(corpus, encoder, IndexOptions.defaults());
    }

    /**
     * Encodes every paper and builds both indexes in memory.
     *
     * @param options how the index stores and scans vectors
     */
    public static IndexedCorpus index(Corpus corpus, Encoder encoder, IndexOptions options) {
        List<Paper> papers = corpus.papers();
        List<Embedding> embeddings = encode(papers, encoder);
        var index = new FlatIndex(encoder.dimension(), options);
        var tokens = new HashMap<String, TokenStats>(corpus.size() * 2);
        for (int i = 0; i < papers.size(); i++) {
            Embedding e = embeddings.get(i);
            index.add(papers.get(i).id(), e.vector());
            tokens.put(papers.get(i).id(), new TokenStats(e.tokens(), e.tokensEmbedded()));
        }
        return new IndexedCorpus(corpus, index, lexical(corpus), tokens, papers.size());
    }

    /** The papers' titles and abstracts, as they are embedded, in a BM25 index; in memory, so built at every start. */
    private static LexicalIndex lexical(Corpus corpus) {
        long start = System.nanoTime();
        LexicalIndex lexical = LexicalIndex.build(corpus.papers().stream()
                .map(paper -> new LexicalDocument(paper.id(), paper.embeddingText())).toList());
        LOG.info("lexical index: {} papers in {} ms", lexical.size(), (System.nanoTime() - start) / 1_000_000);
        return lexical;
    }

    private static List<Embedding> encode(List<Paper> papers, Encoder encoder) {
        var out = new ArrayList<Embedding>(papers.size());
        long start = System.nanoTime();
        for (int from = 0; from < papers.size(); from += PROGRESS_CHUNK) {
            List<Paper> chunk = papers.subList(from, Math.min(papers.size(), from + PROGRESS_CHUNK));
            out.addAll(encoder.encode(chunk.stream().map(Paper::embeddingText).toList()));
            if (papers.size() > PROGRESS_CHUNK) {
                LOG.info("  encoded {}/{} ({} papers/s)", out.size(), papers.size(),
                        String.format("%.1f", out.size() / ((System.nanoTime() - start) / 1e9)));
            }
        }
        return out;
    }
}
