package io.simdex.encode;

import io.simdex.encode.GemmModel.Proto;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a BERT-style ONNX graph so that each self-attention block runs as one ONNX Runtime
 * {@code com.microsoft:MultiHeadAttention} operator. The exports simdex ships (all-MiniLM-L6-v2, bge-small-en-v1.5,
 * fp32 and int8) spell attention out as Reshape and Transpose of Q, K and V, {@code MatMul}, {@code Div} by
 * √(head size), {@code Add} of the mask, {@code Softmax}, {@code MatMul}, Transpose and Reshape; ONNX Runtime's own
 * graph optimizer does not recognize that pattern, so every step runs as its own operator over the whole batch
 * (24 Transposes of the activations in MiniLM). The fused operator takes the projected Q, K and V as they are and
 * the attention mask as key padding; the projections, feed-forward blocks and layer norms are left alone.
 *
 * <p>Only the attention core is replaced; the vectors stay the same up to floating-point rounding. A graph where any
 * attention block does not match the pattern is left exactly as it was.
 */
final class AttentionFusion {

    private static final int MODEL_GRAPH = GemmModel.MODEL_GRAPH;
    private static final int MODEL_OPSET_IMPORT = GemmModel.MODEL_OPSET_IMPORT;
    private static final int GRAPH_NODE = GemmModel.GRAPH_NODE;
    private static final int GRAPH_INITIALIZER = GemmModel.GRAPH_INITIALIZER;
    private static final int GRAPH_INPUT = GemmModel.GRAPH_INPUT;
    private static final int GRAPH_OUTPUT = GemmModel.GRAPH_OUTPUT;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int NODE_DOMAIN = 7;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_INT = 3;
    private static final int ATTRIBUTE_TENSOR = 5;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int ATTRIBUTE_TYPE_INT = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_RAW_DATA = GemmModel.TENSOR_RAW_DATA;
    private static final String MICROSOFT = "com.microsoft";
    private static final String MASK_INPUT = "attention_mask";
    private static final String MASK_INT32 = "simdex_attention_mask_int32";

    /** One node of the graph: what it reads and writes, and its message bytes as read. */
    private record Node(String opType, String domain, List<String> inputs, List<String> outputs, ProtoMessage parsed,
                        byte[] message) {
        String input(int i) {
            return i < inputs.size() ? inputs.get(i) : "";
        }
    }

    private AttentionFusion() {
    }

    /**
     * The model with its attention blocks fused, and how many there were.
     *
     * @param model the bytes of an ONNX model
     * @return empty when the model has no attention block, or one that does not match the pattern
     * @throws IllegalArgumentException if the bytes are not an ONNX model
     */
    static Optional<Fused> fuse(byte[] model) {
        ProtoMessage modelMessage = ProtoMessage.parse(model);
        ProtoMessage graph = modelMessage.message(MODEL_GRAPH);
        if (graph == null) {
            throw new IllegalArgumentException("the file holds no ONNX graph");
        }
        var nodes = new ArrayList<Node>();
        var initializers = new HashMap<String, ProtoMessage>();
        var graphInputs = new HashSet<String>();
        var graphOutputs = new HashSet<String>();
        for (ProtoMessage.Field f : graph.fields()) {
            if (f.number() == GRAPH_NODE) {
                ProtoMessage n = graph.message(f);
                nodes.add(new Node(n.string(GemmModel.NODE_OP_TYPE), n.string(NODE_DOMAIN),
                        n.strings(GemmModel.NODE_INPUT), n.strings(GemmModel.NODE_OUTPUT), n, graph.value(f)));
            } else if (f.number() == GRAPH_INITIALIZER) {
                ProtoMessage t = graph.message(f);
                initializers.put(t.string(GemmModel.TENSOR_NAME), t);
            } else if (f.number() == GRAPH_INPUT) {
                graphInputs.add(graph.message(f).string(GemmModel.VALUE_INFO_NAME));
            } else if (f.number() == GRAPH_OUTPUT) {
                graphOutputs.add(graph.message(f).string(GemmModel.VALUE_INFO_NAME));
            }
        }
        if (!graphInputs.contains(MASK_INPUT)) {
            return Optional.empty();
        }
        var producers = new HashMap<String, Node>();
        var consumers = new HashMap<String, List<Node>>();
        for (Node n : nodes) {
            n.outputs().forEach(o -> producers.put(o, n));
            n.inputs().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
        }
        var graphShape = new Graph(producers, consumers, initializers);
        Map<Node, Emitted> replacements = new HashMap<>();
        for (Node softmax : nodes) {
            if (!softmax.opType().equals("Softmax") || !softmax.domain().isEmpty()) {
                continue;
            }
            Optional<Map.Entry<Node, Emitted>> block = graphShape.attention(softmax, replacements.size());
            if (block.isEmpty()) {
                return Optional.empty();
            }
            replacements.put(block.get().getKey(), block.get().getValue());
        }
        if (replacements.isEmpty()) {
            return Optional.empty();
        }
        var kept = new ArrayList<Emitted>(nodes.size() + 1);
        kept.add(new Emitted(new Proto().string(GemmModel.NODE_INPUT, MASK_INPUT)
                .string(GemmModel.NODE_OUTPUT, MASK_INT32).string(GemmModel.NODE_NAME, "simdex_attention_mask_cast")
                .string(GemmModel.NODE_OP_TYPE, "Cast").message(NODE_ATTRIBUTE, intAttribute("to", GemmModel.INT32))
                .toByteArray(), List.of(MASK_INPUT), List.of(MASK_INT32)));
        for (Node n : nodes) {
            kept.add(replacements.getOrDefault(n, new Emitted(n.message(), n.inputs(), n.outputs())));
        }
        List<Emitted> live = withoutDeadNodes(kept, graphOutputs);

        // Everything but the nodes is copied as it lies in the file (the weights are nearly all of it), so the new
        // model is put together from ranges of the old one: one copy of the weights, not one per nesting level.
        var newGraph = new Pieces(model);
        boolean nodesWritten = false;
        for (ProtoMessage.Field f : graph.fields()) {
            if (f.number() != GRAPH_NODE) {
                newGraph.range(f.start(), f.end());
            } else if (!nodesWritten) {
                live.forEach(n -> newGraph.bytes(new Proto().bytes(GRAPH_NODE, n.message()).toByteArray()));
                nodesWritten = true;
            }
        }
        var newModel = new Pieces(model);
        boolean hasMicrosoftOpset = false;
        for (ProtoMessage.Field f : modelMessage.fields()) {
            if (f.number() == MODEL_GRAPH) {
                newModel.bytes(Proto.header(MODEL_GRAPH, newGraph.length()));
                newModel.append(newGraph);
            } else {
                if (f.number() == MODEL_OPSET_IMPORT
                        && modelMessage.message(f).string(GemmModel.OPSET_DOMAIN).equals(MICROSOFT)) {
                    hasMicrosoftOpset = true;
                }
                newModel.range(f.start(), f.end());
            }
        }
        if (!hasMicrosoftOpset) {
            newModel.bytes(new Proto().message(MODEL_OPSET_IMPORT,
                    new Proto().string(GemmModel.OPSET_DOMAIN, MICROSOFT).varint(GemmModel.OPSET_VERSION, 1))
                    .toByteArray());
        }
        return Optional.of(new Fused(newModel, replacements.size()));
    }

    /** A node as written to the new graph: its message bytes and the names it reads and writes. */
    private record Emitted(byte[] message, List<String> inputs, List<String> outputs) {
    }

    /**
     * A fused model, still made of ranges of the original's bytes: written out, it costs no second copy of the
     * weights in memory.
     *
     * @param blocks how many attention blocks now run as one operator each
     */
    record Fused(Pieces pieces, int blocks) {
        /** Writes the model's bytes. */
        void writeTo(OutputStream out) throws IOException {
            pieces.writeTo(out);
        }

        /** The model's bytes in one array. */
        byte[] bytes() {
            return pieces.toArray();
        }
    }

    /** Bytes to write, as ranges of the source model and new pieces, copied once into the result. */
    static final class Pieces {
        private final byte[] source;
        private final List<byte[]> arrays = new ArrayList<>();
        private final List<int[]> ranges = new ArrayList<>();
        private long length;

        Pieces(byte[] source) {
            this.source = source;
        }

        void range(int from, int to) {
            arrays.add(source);
            ranges.add(new int[] {from, to});
            length += to - from;
        }

        void bytes(byte[] bytes) {
            arrays.add(bytes);
            ranges.add(new int[] {0, bytes.length});
            length += bytes.length;
        }

        void append(Pieces other) {
            arrays.addAll(other.arrays);
            ranges.addAll(other.ranges);
            length += other.length;
        }

        long length() {
            return length;
        }

        void writeTo(OutputStream out) throws IOException {
            for (int i = 0; i < arrays.size(); i++) {
                int[] r = ranges.get(i);
                out.write(arrays.get(i), r[0], r[1] - r[0]);
            }
        }

        byte[] toArray() {
            if (length > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the fused model would not fit in one array");
            }
            byte[] out = new byte[(int) length];
            int at = 0;
            for (int i = 0; i < arrays.size(); i++) {
                int[] r = ranges.get(i);
                System.arraycopy(arrays.get(i), r[0], out, at, r[1] - r[0]);
                at += r[1] - r[0];
            }
            return out;
        }
    }

    /** The nodes to keep, in order: nodes whose outputs nothing reads any more are dropped, repeatedly. */
    private static List<Emitted> withoutDeadNodes(List<Emitted> nodes, Set<String> graphOutputs) {
        List<Emitted> live = nodes;
        while (true) {
            var used = new HashSet<>(graphOutputs);
            live.forEach(n -> used.addAll(n.inputs()));
            List<Emitted> next = live.stream().filter(n -> n.outputs().stream().anyMatch(used::contains)).toList();
            if (next.size() == live.size()) {
                return live;
            }
            live = next;
        }
    }

    private static Proto intAttribute(String name, long value) {
        return new Proto().string(ATTRIBUTE_NAME, name).varint(ATTRIBUTE_INT, value)
                .varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
    }

    /** Looks up producers, consumers and constants to match one attention block. */
    private record Graph(Map<String, Node> producers, Map<String, List<Node>> consumers,
                         Map<String, ProtoMessage> initializers) {

        /**
         * The block around {@code softmax}: the node whose output becomes the fused operator's output, and the
         * fused operator; empty when the block does not have the expected shape.
         */
        Optional<Map.Entry<Node, Emitted>> attention(Node softmax, int index) {
            Node mask = producer(softmax.input(0), "Add");
            Node scale = mask == null ? null : producer(mask.input(0), "Div");
            Node scores = scale == null ? null : producer(scale.input(0), "MatMul");
            if (scores == null) {
                return Optional.empty();
            }
            String q = projected(scores.input(0));
            String k = projected(scores.input(1));
            Node weighted = consumer(softmax.outputs().get(0), "MatMul");
            String v = weighted == null || !weighted.input(0).equals(softmax.outputs().get(0)) ? null
                    : projected(weighted.input(1));
            Node transpose = weighted == null ? null : consumer(weighted.outputs().get(0), "Transpose");
            Node merged = transpose == null ? null : consumer(transpose.outputs().get(0), "Reshape");
            Float divisor = constant(scale.input(1));
            Long hidden = q == null ? null : biasSize(producers.get(q));
            if (k == null || v == null || merged == null || divisor == null || hidden == null) {
                return Optional.empty();
            }
            long headSize = Math.round((double) divisor * divisor);
            if (headSize < 1 || hidden % headSize != 0 || Math.abs(divisor - Math.sqrt(headSize)) > 1e-3) {
                return Optional.empty();
            }
            Proto fused = new Proto().string(GemmModel.NODE_INPUT, q).string(GemmModel.NODE_INPUT, k)
                    .string(GemmModel.NODE_INPUT, v).string(GemmModel.NODE_INPUT, "")
                    .string(GemmModel.NODE_INPUT, MASK_INT32)
                    .string(GemmModel.NODE_OUTPUT, merged.outputs().get(0))
                    .string(GemmModel.NODE_NAME, "simdex_attention_" + index)
                    .string(GemmModel.NODE_OP_TYPE, "MultiHeadAttention")
                    .message(NODE_ATTRIBUTE, intAttribute("num_heads", hidden / headSize))
                    .string(NODE_DOMAIN, MICROSOFT);
            return Optional.of(Map.entry(merged, new Emitted(fused.toByteArray(), List.of(q, k, v, MASK_INT32),
                    merged.outputs())));
        }

        /** Q, K or V as projected, [batch, tokens, hidden], before Reshape and Transpose split it into heads. */
        private String projected(String heads) {
            Node transpose = producer(heads, "Transpose");
            Node reshape = transpose == null ? null : producer(transpose.input(0), "Reshape");
            return reshape == null ? null : reshape.input(0);
        }

        /** The length of the one-dimensional constant a projection's bias {@code Add} adds: the hidden size. */
        private Long biasSize(Node add) {
            if (add == null || !add.opType().equals("Add")) {
                return null;
            }
            for (String input : add.inputs()) {
                ProtoMessage tensor = initializers.get(input);
                if (tensor != null && tensor.varints(GemmModel.TENSOR_DIMS).size() == 1) {
                    return tensor.varints(GemmModel.TENSOR_DIMS).get(0);
                }
            }
            return null;
        }

        /** A scalar float from a {@code Constant} node or an initializer. */
        private Float constant(String name) {
            ProtoMessage tensor = initializers.get(name);
            Node node = producers.get(name);
            if (tensor == null && node != null && node.opType().equals("Constant")) {
                for (ProtoMessage.Field f : node.parsed().fields()) {
                    if (f.number() == NODE_ATTRIBUTE) {
                        ProtoMessage attribute = node.parsed().message(f);
                        if (attribute.string(ATTRIBUTE_NAME).equals("value")) {
                            tensor = attribute.message(ATTRIBUTE_TENSOR);
                        }
                    }
                }
            }
            if (tensor == null || !tensor.varints(GemmModel.TENSOR_DATA_TYPE).contains((long) GemmModel.FLOAT)) {
                return null;
            }
            Float value = tensor.firstFloat(TENSOR_RAW_DATA);
            return value != null ? value : tensor.firstFloat(TENSOR_FLOAT_DATA);
        }

        private Node producer(String output, String opType) {
            Node n = producers.get(output);
            return n != null && n.opType().equals(opType) && n.domain().isEmpty() ? n : null;
        }

        private Node consumer(String output, String opType) {
            for (Node n : consumers.getOrDefault(output, List.of())) {
                if (n.opType().equals(opType) && n.domain().isEmpty()) {
                    return n;
                }
            }
            return null;
        }
    }
}
