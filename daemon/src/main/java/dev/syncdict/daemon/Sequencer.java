package dev.syncdict.daemon;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides the order: batches from every connection queue up here in arrival order, and the owner
 * of the store, the one event loop that also reads and writes every connection, runs every batch
 * waiting through the {@link CommitPipeline} as one group, so that the listeners can write (and
 * sync) a whole group at once. The first batch of a loop turn schedules the group as a task, which
 * the loop runs once it has read every connection that was ready: no thread hand-off, no wake-up.
 */
final class Sequencer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Sequencer.class.getName());

    private final CommitPipeline pipeline;
    private final EventExecutor owner;
    /** One task object for every group (a method reference made at each use is a new object). */
    private final Runnable runGroup = this::runGroup;
    // Touched only on the owner's thread:
    private List<Batch> waiting = new ArrayList<>();
    private List<Batch> group = new ArrayList<>();
    private boolean scheduled;
    private boolean stopped;

    Sequencer(CommitPipeline pipeline, EventExecutor owner) {
        this.pipeline = pipeline;
        this.owner = owner;
    }

    /** Queues a batch; from another thread (none today but a test's), it is queued on the owner's. */
    void submit(Batch batch) {
        if (!owner.inEventLoop()) {
            owner.execute(() -> submit(batch));
            return;
        }
        if (stopped) {
            return;
        }
        waiting.add(batch);
        if (!scheduled) {
            scheduled = true;
            owner.execute(runGroup);
        }
    }

    private void runGroup() {
        scheduled = false;
        if (waiting.isEmpty()) {
            return;
        }
        // Batches queued while the group runs (a drained outbox resuming its batch) wait for the next.
        List<Batch> running = waiting;
        waiting = group;
        group = running;
        List<Batch> carried = List.of();
        try {
            carried = pipeline.run(running);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "a group of " + running.size() + " batches failed", t);
        }
        running.clear();
        if (!carried.isEmpty()) {
            // Batches the group carried over go first, so that what they wait for comes next.
            waiting.addAll(0, carried);
            if (!scheduled) {
                scheduled = true;
                owner.execute(runGroup);
            }
        }
    }

    /** Answers every batch already queued, then accepts no more. */
    @Override
    public void close() {
        owner.submit(() -> {
            while (!waiting.isEmpty()) {
                runGroup();
            }
            stopped = true;
        }).syncUninterruptibly();
    }
}
