package io.simdex.encode;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of predictors of one model session. A {@link Predictor} is not thread-safe, so a caller borrows one
 * for the length of one model call, waiting when all are busy.
 */
final class PredictorPool implements AutoCloseable {

    private final String modelName;
    private final List<Predictor<TokenBatch, float[][]>> predictors;
    private final BlockingQueue<Predictor<TokenBatch, float[][]>> idle;

    PredictorPool(String modelName, ZooModel<TokenBatch, float[][]> model, int size) {
        this.modelName = modelName;
        this.predictors = new ArrayList<>(size);
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Predictor<TokenBatch, float[][]> p = model.newPredictor();
            predictors.add(p);
            idle.add(p);
        }
    }

    /** How many predictors the pool holds. */
    int size() {
        return predictors.size();
    }

    /** Runs one model call on a free predictor, waiting for one when all are busy. */
    float[][] predict(TokenBatch batch) {
        Predictor<TokenBatch, float[][]> predictor;
        try {
            predictor = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException("interrupted while waiting for a free encoder worker", e);
        }
        try {
            return predictor.predict(batch);
        } catch (TranslateException e) {
            throw new EncoderException("model " + modelName + " failed on a batch of " + batch.rows()
                    + " texts of up to " + batch.length() + " tokens: " + e.getMessage(), e);
        } finally {
            idle.add(predictor);
        }
    }

    @Override
    public void close() {
        predictors.forEach(Predictor::close);
    }
}
