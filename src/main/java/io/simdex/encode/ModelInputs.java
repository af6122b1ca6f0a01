package io.simdex.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model inputs (rows) made from a list of texts: one row per text when texts are truncated, or several
 * overlapping windows per long text when they are chunked.
 *
 * @param rows   the model inputs, each starting with [CLS] and ending with [SEP]
 * @param owner  for each row, the index of the text it came from; rows of one text are adjacent
 * @param weight for each row, how many of its text's tokens it carries (its share in the text's vector)
 * @param tokens for each text, its full length in tokens, [CLS] and [SEP] included
 * @param tokensEmbedded for each text, how many of those tokens some row carries
 */
record ModelInputs(List<TokenizedText> rows, int[] owner, int[] weight, int[] tokens, int[] tokensEmbedded) {

    /**
     * One row per text: [CLS], the first {@code maxTokens - 2} tokens, [SEP], the way HuggingFace tokenizers
     * cut a single sequence.
     *
     * @param ids each text's full ids, [CLS] first and [SEP] last
     */
    static ModelInputs truncated(List<long[]> ids, int maxTokens) {
        int n = ids.size();
        var rows = new ArrayList<TokenizedText>(n);
        int[] owner = new int[n];
        int[] weight = new int[n];
        int[] tokens = new int[n];
        int[] embedded = new int[n];
        for (int i = 0; i < n; i++) {
            TokenizedText row = TextTokenizer.truncate(ids.get(i), maxTokens);
            rows.add(row);
            owner[i] = i;
            weight[i] = row.ids().length;
            tokens[i] = row.fullLength();
            embedded[i] = row.ids().length;
        }
        return new ModelInputs(rows, owner, weight, tokens, embedded);
    }

    /**
     * Texts that fit stay one row; a longer text becomes windows of {@code maxTokens - 2} content tokens
     * (each wrapped in [CLS] … [SEP]) that start every {@code maxTokens - 2 - overlap} tokens, the last one
     * holding whatever remains. Every token lands in at least one window, so nothing is cut.
     *
     * @param overlap tokens shared by consecutive windows, {@code 0 <= overlap <= (maxTokens - 2) / 2}
     */
    static ModelInputs chunked(List<long[]> ids, int maxTokens, int overlap) {
        int window = maxTokens - 2;
        if (window < 1 || overlap < 0 || overlap > window / 2) {
            throw new IllegalArgumentException("overlap must be 0.." + window / 2 + " for " + maxTokens
                    + " max tokens, got " + overlap);
        }
        int stride = window - overlap;
        int n = ids.size();
        var rows = new ArrayList<TokenizedText>(n);
        var owner = new ArrayList<Integer>(n);
        var weight = new ArrayList<Integer>(n);
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            long[] full = ids.get(i);
            tokens[i] = full.length;
            if (full.length <= maxTokens) {
                rows.add(new TokenizedText(full, full.length));
                owner.add(i);
                weight.add(full.length);
                continue;
            }
            int content = full.length - 2;
            for (int start = 0; ; start += stride) {
                int end = Math.min(start + window, content);
                long[] row = new long[end - start + 2];
                row[0] = full[0];
                System.arraycopy(full, 1 + start, row, 1, end - start);
                row[row.length - 1] = full[full.length - 1];
                rows.add(new TokenizedText(row, row.length));
                owner.add(i);
                weight.add(end - start);
                if (end == content) {
                    break;
                }
            }
        }
        return new ModelInputs(rows, owner.stream().mapToInt(Integer::intValue).toArray(),
                weight.stream().mapToInt(Integer::intValue).toArray(), tokens, tokens.clone());
    }

    /** How many texts these inputs were made from. */
    int texts() {
        return tokens.length;
    }

    /**
     * Combines the rows' unit vectors into one unit vector per text: a text's windows are averaged, weighted
     * by the tokens each carries, and the mean is L2-normalized.
     */
    float[][] combine(float[][] rowVectors) {
        float[][] out = new float[texts()][];
        int r = 0;
        while (r < rowVectors.length) {
            int text = owner[r];
            int end = r + 1;
            while (end < rowVectors.length && owner[end] == text) {
                end++;
            }
            out[text] = end - r == 1 ? rowVectors[r] : Pooler.weightedMean(rowVectors, weight, r, end);
            r = end;
        }
        return out;
    }

    @Override
    public String toString() {
        return "ModelInputs[texts=" + texts() + ", rows=" + rows.size() + ", tokens=" + Arrays.toString(tokens) + "]";
    }
}
