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
import java.util.Map;
import java.util.Optional;

/**
 * Embeds every paper of a corpus and loads the vectors into a {@link FlatIndex}, encoding only the texts
 * the cache does not already hold, and printing progress while it encodes; then indexes the papers' words in a
 * {@link LexicalIndex}.
 */
public final class CorpusIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);

    /** Texts per progress line; large enough to keep every worker busy between lines. */
    private static final int PROGRESS_CHUNK = 64;

    private CorpusIndexer() {
    }

    /** Builds an index with the default {@link IndexOptions}. */
    public static IndexedCorpus index(Corpus corpus, Encoder encoder, Optional<EmbeddingCache> cache) {
        return index(corpus, encoder, cache, IndexOptions.defaults());
    }

    /**
     * Builds the index.
     *
     * @param cache   where vectors persist between runs, or empty to always encode
     * @param options how the index stores and scans vectors
     */
    public static IndexedCorpus index(Corpus corpus, Encoder encoder, Optional<EmbeddingCache> cache,
                                      IndexOptions options) {
        Map<String, Embedding> cached = cache.map(EmbeddingCache::load).orElse(Map.of());
        var keys = new HashMap<String, String>(corpus.size() * 2);
        var missing = new ArrayList<Paper>();
        for (Paper paper : corpus.papers()) {
            String key = EmbeddingCache.key(paper.embeddingText());
            keys.put(paper.id(), key);
            if (!cached.containsKey(key)) {
                missing.add(paper);
            }
        }
        Map<String, Embedding> fresh = encode(missing, encoder);

        var index = new FlatIndex(encoder.dimension(), options);
        var tokens = new HashMap<String, TokenStats>(corpus.size() * 2);
        var keep = new HashMap<String, Embedding>(corpus.size() * 2);
        for (Paper paper : corpus.papers()) {
            String key = keys.get(paper.id());
            Embedding e = cached.containsKey(key) ? cached.get(key) : fresh.get(key);
            index.add(paper.id(), e.vector());
            tokens.put(paper.id(), new TokenStats(e.tokens(), e.tokensEmbedded()));
            keep.put(key, e);
        }
        boolean changed = !missing.isEmpty() || keep.size() != cached.size();
        if (changed && cache.isPresent()) {
            cache.get().save(keep);
            LOG.info("saved {} vectors to {}", keep.size(), cache.get().file());
        }
        long truncated = tokens.values().stream().filter(TokenStats::truncated).count();
        LOG.info("indexed {} papers: {} from cache, {} encoded; {} truncated at {} tokens{}",
                corpus.size(), corpus.size() - missing.size(), missing.size(), truncated, encoder.maxTokens(),
                truncated == 0 ? "" : " (set model.long-texts: chunk to embed whole abstracts)");
        return new IndexedCorpus(corpus, index, lexical(corpus), tokens, missing.size());
    }

    /** The papers' titles and abstracts, as they are embedded, in a BM25 index; in memory, so built at every start. */
    private static LexicalIndex lexical(Corpus corpus) {
        long start = System.nanoTime();
        LexicalIndex lexical = LexicalIndex.build(corpus.papers().stream()
                .map(paper -> new LexicalDocument(paper.id(), paper.embeddingText())).toList());
        LOG.info("lexical index: {} papers in {} ms", lexical.size(), (System.nanoTime() - start) / 1_000_000);
        return lexical;
    }

    private static Map<String, Embedding> encode(List<Paper> papers, Encoder encoder) {
        var out = new HashMap<String, Embedding>(papers.size() * 2);
        if (papers.isEmpty()) {
            return out;
        }
        LOG.info("encoding {} papers with {} ...", papers.size(), encoder.modelName());
        long start = System.nanoTime();
        for (int from = 0; from < papers.size(); from += PROGRESS_CHUNK) {
            List<Paper> chunk = papers.subList(from, Math.min(papers.size(), from + PROGRESS_CHUNK));
            List<String> texts = chunk.stream().map(Paper::embeddingText).toList();
            List<Embedding> embeddings = encoder.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                out.put(EmbeddingCache.key(texts.get(i)), embeddings.get(i));
            }
            int done = from + chunk.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("  encoded {}/{} ({} papers/s)", done, papers.size(), String.format("%.1f", done / seconds));
        }
        return out;
    }
}
