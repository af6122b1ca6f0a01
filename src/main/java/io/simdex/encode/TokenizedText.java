package io.simdex.encode;

/**
 * A text as model input: WordPiece ids after truncation, plus its untruncated length.
 *
 * @param ids the ids fed to the model, starting with [CLS] and ending with [SEP]
 * @param fullLength how many ids the text has without truncation
 */
record TokenizedText(long[] ids, int fullLength) {
}
