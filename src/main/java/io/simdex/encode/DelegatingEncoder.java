package io.simdex.encode;

import java.util.List;
import java.util.Objects;

/**
 * The base of encoders that wrap another (meters, a cache): every call goes to the wrapped encoder until a
 * subclass overrides it.
 */
public abstract class DelegatingEncoder implements Encoder {

    /** The encoder every call not overridden goes to. */
    protected final Encoder delegate;

    protected DelegatingEncoder(Encoder delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public List<Embedding> encode(List<String> texts) {
        return delegate.encode(texts);
    }

    @Override
    public List<Embedding> encodeQueries(List<String> queries) {
        return delegate.encodeQueries(queries);
    }

    @Override
    public String queryInstruction() {
        return delegate.queryInstruction();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public int maxTokens() {
        return delegate.maxTokens();
    }

    /** Closes the wrapped encoder. */
    @Override
    public void close() {
        delegate.close();
    }
}
