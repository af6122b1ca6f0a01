package io.simdex.http;

import io.simdex.FakeEncoder;
import io.simdex.encode.Embedding;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Delegates to the fake encoder, holding any text containing "slow" until released. */
record HoldingEncoder(FakeEncoder delegate, CountDownLatch entered, CountDownLatch release)
        implements ForwardingEncoder {

    @Override
    public List<Embedding> encode(List<String> texts) {
        if (texts.stream().anyMatch(t -> t.contains("slow"))) {
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return delegate.encode(texts);
    }
}
