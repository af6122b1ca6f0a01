/**
 * The map of the corpus: every paper placed in two dimensions by principal component analysis of its vector,
 * grouped by k-means, each group named by its most distinctive words; no HTTP, no JSON.
 */
package io.simdex.map;
