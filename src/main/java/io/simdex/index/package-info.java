/**
 * The index stage: a live collection of L2-normalized vectors by id, in segmented, SIMD-packed storage (float,
 * or int8 with exact rescoring), searched by exact cosine top-k on one or several threads, in batches, and as
 * all pairs above a threshold.
 *
 * <p>Vectors are added ({@link io.simdex.index.VectorIndex#add}), added or replaced
 * ({@link io.simdex.index.VectorIndex#put}, an upsert) and removed ({@link io.simdex.index.VectorIndex#remove})
 * while searches run; every read sees only the vectors held now. {@link io.simdex.index.FlatIndex} marks removed
 * and replaced vectors with tombstones that its scans skip where a score would enter the top k, so results stay
 * exact, and a replaced vector ties as inserted at its put. Once tombstones are many (at least 4096 and more
 * than a quarter of the stored vectors) the write that adds the last one compacts the storage to the live
 * vectors, under the write lock.
 *
 * <p>A {@link io.simdex.index.SearchRequest} may carry a filter, an allow-list over ids (a metadata condition
 * such as year {@code >= 2020}) that the scan applies itself, so the results are the exact top k among the ids
 * it accepts, not fewer.
 */
package io.simdex.index;
