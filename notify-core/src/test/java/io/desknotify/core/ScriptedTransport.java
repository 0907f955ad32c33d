package io.desknotify.core;

import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ProviderJobPoll;
import io.desknotify.api.spi.ProviderJobStatus;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test double of the transport SPI whose answers a test scripts: what each delivery and each job poll returns
 * (for instance a future that never completes, or a failure on every poll). Records when it was called.
 */
final class ScriptedTransport implements Transport {
    private final String provider;
    private final TransportCapabilities capabilities;
    private final Function<Batch, CompletionStage<BatchResult>> deliver;
    private final Function<ProviderJobPoll, CompletionStage<ProviderJobStatus>> poll;
    final AtomicInteger deliveries = new AtomicInteger();
    final AtomicInteger polls = new AtomicInteger();
    final List<Long> deliverNanos = new CopyOnWriteArrayList<>();
    final List<Long> pollNanos = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<BatchResult>> unanswered = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    ScriptedTransport(int batchSize, Function<Batch, CompletionStage<BatchResult>> deliver,
            Function<ProviderJobPoll, CompletionStage<ProviderJobStatus>> poll) {
        this.provider = "scripted";
        this.capabilities = TransportCapabilities.builder().nativeKind(TargetKind.DESKTOP, batchSize).build();
        this.deliver = deliver;
        this.poll = poll;
    }

    /** Deliveries never answered: the future stays incomplete forever. */
    static Function<Batch, CompletionStage<BatchResult>> neverAnswers(List<CompletableFuture<BatchResult>> sink) {
        return b -> {
            CompletableFuture<BatchResult> f = new CompletableFuture<>();
            sink.add(f);
            return f;
        };
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public TransportCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<BatchResult> deliver(Batch batch) {
        deliveries.incrementAndGet();
        deliverNanos.add(System.nanoTime());
        return deliver.apply(batch);
    }

    @Override
    public CompletionStage<ProviderJobStatus> pollJob(ProviderJobPoll p) {
        polls.incrementAndGet();
        pollNanos.add(System.nanoTime());
        return poll.apply(p);
    }

    @Override
    public void close() {
        closed = true;
    }
}
