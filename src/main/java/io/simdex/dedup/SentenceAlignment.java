package io.simdex.dedup;

/**
 * How much of one text is said again, sentence by sentence, in another: a rewrite rebuilds each sentence of its
 * source but keeps what it says, so most of its sentences have a close counterpart; a different paper on the same
 * topic shares the topic, not the sentences.
 */
public final class SentenceAlignment {

    private SentenceAlignment() {
    }

    /**
     * The share of the shorter text's sentences (the side with fewer) whose best cosine with any sentence of the
     * other text reaches {@code threshold}. With as many sentences on both sides, the higher share of the two wins,
     * so the result does not depend on which text is the query.
     *
     * @param cosines   {@code cosines[a][b]}: the cosine of sentence {@code a} of one text and {@code b} of the other
     * @param threshold the cosine from which two sentences say the same thing
     * @return a share in [0, 1]; 0 when either text has no sentences
     * @throws IllegalArgumentException if the rows are not all of one length
     */
    public static float coverage(float[][] cosines, float threshold) {
        int rows = cosines.length;
        int columns = rows == 0 ? 0 : cosines[0].length;
        for (float[] row : cosines) {
            if (row.length != columns) {
                throw new IllegalArgumentException("the cosine rows differ in length: " + row.length + " and "
                        + columns);
            }
        }
        if (rows == 0 || columns == 0) {
            return 0f;
        }
        int rowsAligned = 0;
        boolean[] columnAligned = new boolean[columns];
        int columnsAligned = 0;
        for (float[] row : cosines) {
            boolean aligned = false;
            for (int b = 0; b < columns; b++) {
                if (row[b] >= threshold) {
                    aligned = true;
                    if (!columnAligned[b]) {
                        columnAligned[b] = true;
                        columnsAligned++;
                    }
                }
            }
            rowsAligned += aligned ? 1 : 0;
        }
        float rowShare = (float) rowsAligned / rows;
        float columnShare = (float) columnsAligned / columns;
        if (rows != columns) {
            return rows < columns ? rowShare : columnShare;
        }
        return Math.max(rowShare, columnShare);
    }
}
