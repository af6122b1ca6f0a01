package io.simdex.encode;

import java.util.List;

/**
 * Token ids of several texts padded to the batch's longest text, row-major, as the model wants them.
 *
 * @param ids {@code rows × length} ids, 0 after each text's end
 * @param mask {@code rows × length}, 1 over real tokens and 0 over padding
 */
record TokenBatch(long[] ids, long[] mask, int rows, int length) {

    static TokenBatch of(List<TokenizedText> texts) {
        int rows = texts.size();
        int length = 0;
        for (TokenizedText t : texts) {
            length = Math.max(length, t.ids().length);
        }
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] row = texts.get(r).ids();
            System.arraycopy(row, 0, ids, r * length, row.length);
            java.util.Arrays.fill(mask, r * length, r * length + row.length, 1L);
        }
        return new TokenBatch(ids, mask, rows, length);
    }
}
