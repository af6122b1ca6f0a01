package io.simdex.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import java.util.List;

/**
 * Feeds a {@link TokenBatch} to a BERT-style ONNX graph by input name and pools its token vectors.
 * Inputs the graph does not declare (e.g. {@code token_type_ids}) are not sent.
 */
final class BertTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {

    private static final String BATCH = "simdex.batch";

    private final Pooling pooling;
    private final boolean normalize;
    private volatile List<String> inputNames = List.of("input_ids", "attention_mask", "token_type_ids");

    BertTranslator(Pooling pooling, boolean normalize) {
        this.pooling = pooling;
        this.normalize = normalize;
    }

    void inputNames(List<String> names) {
        this.inputNames = List.copyOf(names);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        ctx.setAttachment(BATCH, batch);
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch.rows(), batch.length());
        NDList inputs = new NDList(inputNames.size());
        for (String name : inputNames) {
            long[] data = switch (name) {
                case "input_ids" -> batch.ids();
                case "attention_mask" -> batch.mask();
                case "token_type_ids" -> new long[batch.ids().length];
                default -> throw new EncoderException("the model wants an input named '" + name
                        + "'; simdex feeds input_ids, attention_mask and token_type_ids");
            };
            NDArray array = manager.create(data, shape);
            array.setName(name);
            inputs.add(array);
        }
        return inputs;
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
        TokenBatch batch = (TokenBatch) ctx.getAttachment(BATCH);
        NDArray hidden = outputs.get("last_hidden_state");
        if (hidden == null) {
            hidden = outputs.get(0);
        }
        Shape shape = hidden.getShape();
        if (shape.dimension() != 3) {
            throw new EncoderException("expected token vectors of shape [batch, tokens, dim], got " + shape);
        }
        return Pooler.pool(hidden.toFloatArray(), batch, (int) shape.get(2), pooling, normalize);
    }
}
