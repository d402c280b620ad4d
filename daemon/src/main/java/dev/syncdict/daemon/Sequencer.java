package dev.syncdict.daemon;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that owns the dictionary. Connections hand it batches of decoded lines; it runs
 * them in arrival order, one request at a time, and hands each batch its encoded replies. Network
 * I/O stays on the event loops: this thread only computes and encodes.
 *
 * <p>It drains every batch waiting, so that a later write-ahead log can make one fsync cover them
 * all before any of their replies leaves.
 */
final class Sequencer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Sequencer.class.getName());
    private static final Batch STOP = new Batch(List.of(), result -> {});

    /** Lines from one connection, and what to do with their replies. */
    record Batch(List<Line> lines, Consumer<Result> done) {}

    /** The replies of a batch, as bytes for the wire, and whether the connection or daemon should close. */
    record Result(byte[] replies, boolean closeConnection, boolean shutdownDaemon) {}

    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Dispatcher dispatcher;
    private final Thread thread;
    private volatile long publishedRevision;

    Sequencer(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.thread = new Thread(this::run, "syncdictd-sequencer");
        thread.start();
    }

    void submit(Batch batch) {
        queue.add(batch);
    }

    /** The latest revision, readable from any thread (the handshake's reply carries it). */
    long revision() {
        return publishedRevision;
    }

    private void run() {
        List<Batch> drained = new ArrayList<>();
        while (true) {
            try {
                drained.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(drained);
            for (Batch batch : drained) {
                if (batch == STOP) {
                    return;
                }
                Result result = processContained(batch.lines());
                try {
                    batch.done().accept(result);
                } catch (RuntimeException e) {
                    // The connection's event loop is gone (the daemon is stopping): nobody is left to answer.
                    LOG.log(Level.FINE, "could not hand back a batch's replies", e);
                }
            }
            drained.clear();
        }
    }

    /**
     * Processes a batch; should anything escape (an OutOfMemoryError, say), that batch's connection
     * gets one internal error and is closed, and the sequencer goes on serving everyone else.
     */
    private Result processContained(List<Line> lines) {
        try {
            return process(lines);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "a batch of " + lines.size() + " requests failed; closing its connection", t);
            Reply error = Reply.error(dispatcher.revision(), ErrorCode.INTERNAL, "internal error: " + t.getClass().getSimpleName());
            return new Result(Codec.encodeLine(error), true, false);
        }
    }

    private Result process(List<Line> lines) {
        ReplyBuffer out = new ReplyBuffer(64 * lines.size());
        for (Line line : lines) {
            writeReply(line, out);
            if (line.fatal()) {
                return new Result(out.toByteArray(), true, false);
            }
            if (line.request() != null && line.request().op() == Op.SHUTDOWN) {
                return new Result(out.toByteArray(), true, true);
            }
        }
        return new Result(out.toByteArray(), false, false);
    }

    /** Writes the reply to one line. A bug costs that one request an internal error, never the daemon its sequencer. */
    private void writeReply(Line line, ReplyBuffer out) {
        int start = out.size();
        try {
            Reply reply = line.request() == null
                    ? Reply.error(dispatcher.revision(), line.error()).withId(line.id())
                    : dispatcher.handle(line.request());
            publishedRevision = reply.rev();
            Codec.writeLine(reply, out);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.SEVERE, "internal error on " + (line.request() == null ? "a rejected line" : line.request().op().wireName()), e);
            out.truncate(start);
            Codec.writeLine(Reply.error(dispatcher.revision(), ErrorCode.INTERNAL, "internal error: " + e).withId(line.id()), out);
        }
    }

    /** A batch's replies; a reply that failed halfway through encoding can be cut off again. */
    private static final class ReplyBuffer extends ByteArrayOutputStream {
        ReplyBuffer(int size) {
            super(size);
        }

        void truncate(int size) {
            count = size;
        }
    }

    @Override
    public void close() throws InterruptedException {
        queue.add(STOP);
        thread.join();
    }
}
