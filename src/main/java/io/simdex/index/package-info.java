/**
 * The index stage: L2-normalized vectors in segmented, SIMD-packed storage (float or int8 with exact
 * rescoring), exact cosine top-k search on one or several threads, batches, and the project's only hot loops.
 */
package io.simdex.index;
