package io.simdex.http;

import io.simdex.FakeEncoder;
import io.simdex.encode.Encoder;

/** A test encoder that answers as the fake one does; implementations change only {@code encode}. */
interface ForwardingEncoder extends Encoder {

    FakeEncoder delegate();

    @Override
    default String modelId() {
        return delegate().modelId();
    }

    @Override
    default String modelName() {
        return delegate().modelName();
    }

    @Override
    default int dimension() {
        return delegate().dimension();
    }

    @Override
    default int maxTokens() {
        return delegate().maxTokens();
    }

    @Override
    default void close() {
    }
}
