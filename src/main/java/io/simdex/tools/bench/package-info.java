/**
 * {@code simdex bench}: measures simdex's encoder and index against peers in the same run, next to the
 * machine's own ceilings (memory bandwidth, the fp32 FMA peak, ONNX Runtime's fp32 and int8 GEMM; OpenBLAS sgemm
 * as an extra), and writes JSON, Markdown and an SVG plot.
 *
 * <p>Peers built on other libraries (langchain4j, Lucene's vector scan) live in {@code src/bench/java}, are
 * built only by the {@code bench} Maven profile, and are found with {@link java.util.ServiceLoader} through
 * {@link io.simdex.tools.bench.EncoderPeer} and {@link io.simdex.tools.bench.SearchPeer}. FAISS runs in a Python child
 * process. Nothing in the service depends on this package.
 */
package io.simdex.tools.bench;
