/** The index stage: L2-normalized vectors in contiguous storage, exact cosine top-k search, and the project's only hot loops. */
package io.simdex.index;
