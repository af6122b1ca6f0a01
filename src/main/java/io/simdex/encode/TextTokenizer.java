package io.simdex.encode;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model's HuggingFace tokenizer, with truncation done here so that every text's full length is known.
 *
 * <p>The shipped {@code tokenizer.json} truncates and pads to 128; both are switched off, and the ids
 * are cut the way HuggingFace tokenizers cut a single sequence: [CLS], the first {@code maxTokens - 2}
 * tokens, [SEP]. Padding happens per batch in {@link TokenBatch}.
 */
final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private TextTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * The tokenizer {@code tokenizerJson} describes.
     *
     * @throws EncoderException if the file is damaged or not a tokenizer file, or the tokenizer's native library
     *                          does not load
     */
    static TextTokenizer load(Path tokenizerJson) {
        try {
            return new TextTokenizer(HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(true)
                    .optTruncation(false)
                    .optPadding(false)
                    .build());
        } catch (EngineException | LinkageError e) {
            throw ModelFiles.runtimeUnavailable(e);
        } catch (IOException | RuntimeException e) {
            throw ModelFiles.badTokenizer(tokenizerJson, e);
        }
    }

    List<TokenizedText> tokenize(List<String> texts, int maxTokens) {
        var out = new ArrayList<TokenizedText>(texts.size());
        for (long[] ids : ids(texts)) {
            out.add(truncate(ids, maxTokens));
        }
        return out;
    }

    /** Each text's full WordPiece ids, [CLS] first and [SEP] last, not truncated. */
    List<long[]> ids(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        var out = new ArrayList<long[]>(encodings.length);
        for (Encoding encoding : encodings) {
            out.add(encoding.getIds());
        }
        return out;
    }

    static TokenizedText truncate(long[] ids, int maxTokens) {
        if (ids.length <= maxTokens) {
            return new TokenizedText(ids, ids.length);
        }
        long[] cut = Arrays.copyOf(ids, maxTokens);
        cut[maxTokens - 1] = ids[ids.length - 1]; // keep the closing [SEP]
        return new TokenizedText(cut, ids.length);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
