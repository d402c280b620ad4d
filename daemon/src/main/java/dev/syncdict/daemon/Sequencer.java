package dev.syncdict.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides the order: batches from every connection queue up here in arrival order, and one thread,
 * the owner of the store, runs every batch waiting through the {@link CommitPipeline} as one
 * group, so that the listeners can write (and sync) a whole group at once. Network I/O stays on
 * the event loops.
 */
final class Sequencer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Sequencer.class.getName());
    private static final Batch STOP = new Batch(null, List.of());

    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final CommitPipeline pipeline;
    private final Thread thread;

    Sequencer(CommitPipeline pipeline) {
        this.pipeline = pipeline;
        this.thread = new Thread(this::run, "syncdictd-sequencer");
        thread.start();
    }

    void submit(Batch batch) {
        queue.add(batch);
    }

    private void run() {
        List<Batch> group = new ArrayList<>();
        boolean stopping = false;
        while (!stopping || !group.isEmpty()) {
            if (!stopping) {
                // Batches the last group carried over go first, so that what they wait for comes next.
                try {
                    if (group.isEmpty()) {
                        group.add(queue.take());
                    }
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(group);
                int stop = group.indexOf(STOP);
                if (stop >= 0) {
                    // Answer what came before the stop; nothing after it is accepted.
                    group.subList(stop, group.size()).clear();
                    stopping = true;
                }
            }
            List<Batch> carried = List.of();
            try {
                carried = pipeline.run(group);
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "a group of " + group.size() + " batches failed", t);
            }
            group.clear();
            group.addAll(carried);
        }
    }

    /** Answers every batch already queued, then stops the thread. */
    @Override
    public void close() throws InterruptedException {
        queue.add(STOP);
        thread.join();
    }
}
