package dev.syncdict.shell;

import dev.syncdict.client.ReplyException;
import dev.syncdict.client.SyncdictClient;
import dev.syncdict.client.Watch;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Event;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one watch for the shell: prints its changes (merged per path and interval with
 * {@code --every}), follows the daemon through restarts by resuming after the last revision it
 * printed, and ends on Ctrl+C with exit 0.
 */
public final class Watching {

    /** How long to wait between attempts to reach a daemon that went away. */
    private static final Duration RETRY = Duration.ofMillis(500);

    private final Session session;
    private final Path path;
    private final boolean prev;
    private final boolean snapshot;
    private final Duration every;
    private Long from;
    /** Changes held back until the interval ends, the latest per path (with --every). */
    private final Map<Path, Event> merged = new LinkedHashMap<>();

    public Watching(Session session, Path path, Long from, boolean prev, boolean snapshot, Duration every) {
        this.session = session;
        this.path = path;
        this.from = from;
        this.prev = prev;
        this.snapshot = snapshot;
        this.every = every;
    }

    /** Watches until Ctrl+C (exit 0), or until the first attempt fails (its exit code). */
    public int run() {
        Thread watcher = Thread.currentThread();
        try (CtrlC trap = new CtrlC(() -> {
            watcher.interrupt();
            session.abort();
        })) {
            boolean first = true;
            while (true) {
                try {
                    SyncdictClient client = first ? session.client() : session.connectExisting();
                    if (first && snapshot) {
                        printSnapshot(client);
                    }
                    Long resumeAfter = from;
                    Watch watch = client.watch(path, from, prev);
                    if (from == null) {
                        // Watching "from now" means after the revision the watch began at: a reconnect
                        // resumes there, so changes made while it reconnects are shown, not skipped.
                        from = watch.lastRevision();
                    }
                    if (!first) {
                        // What follows starts right after the last change shown (the watch's own revision is the daemon's now).
                        session.printer().note(resumeAfter == null ? "watching again from revision " + watch.lastRevision()
                                : "watching again after revision " + resumeAfter);
                    }
                    first = false;
                    follow(watch);
                } catch (ReplyException refused) {
                    if (first) {
                        session.printer().error(refused.error().code().wireName(), refused.error().message());
                        return ExitCode.of(refused.error().code());
                    }
                    // A restarted daemon whose history does not reach back far enough: say so, go on from now.
                    session.printer().note("changes after revision " + from + " cannot all be shown: " + refused.error().message());
                    from = null;
                } catch (IOException lost) {
                    if (watcher.isInterrupted()) {
                        return endedByCtrlC();
                    }
                    if (first) {
                        return session.unavailable(lost);
                    }
                    session.disconnect();
                    session.printer().note("lost the daemon at " + session.target() + "; reconnecting");
                    Thread.sleep(RETRY.toMillis());
                }
            }
        } catch (InterruptedException ctrlC) {
            return endedByCtrlC();
        }
    }

    /** Ctrl+C closed the connection under the watch: drop it, so the next command connects afresh. */
    private int endedByCtrlC() {
        Thread.interrupted();
        session.endedByCtrlC();
        session.disconnect();
        return ExitCode.OK;
    }

    private void printSnapshot(SyncdictClient client) throws IOException {
        Reply current = client.call(Request.of(Op.GET).with(Field.PATH, path));
        if (current.isError() && current.error().code() != ErrorCode.NOT_FOUND) {
            throw new ReplyException(current.error());
        }
        session.printer().change(current.rev(), new Event.Change("snapshot", path, current.value(), null));
        from = current.rev();
    }

    /** Prints events until the connection fails or the daemon cancels the watch. */
    private void follow(Watch watch) throws IOException, InterruptedException {
        long tick = System.nanoTime() + (every == null ? 0 : every.toNanos());
        while (true) {
            Duration wait = every == null ? Duration.ZERO : Duration.ofNanos(Math.max(1_000_000, tick - System.nanoTime()));
            Event event = watch.next(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (event != null && event.isError()) {
                session.printer().note(event.error().message());
                from = event.rev();
                return;
            }
            if (event != null) {
                from = event.rev();
                if (every == null) {
                    print(event);
                } else {
                    for (Event.Change change : event.changes()) {
                        merged.put(change.path(), new Event(event.watch(), event.rev(), java.util.List.of(change), null));
                    }
                }
            }
            if (every != null && System.nanoTime() - tick >= 0) {
                for (Event latest : merged.values()) {
                    print(latest);
                }
                merged.clear();
                tick += every.toNanos();
            }
        }
    }

    private void print(Event event) throws InterruptedException {
        for (Event.Change change : event.changes()) {
            session.printer().change(event.rev(), change);
        }
        if (session.printer().closed()) {
            // Whoever read our output has gone (`watch | head -3`): end as if by Ctrl+C.
            throw new InterruptedException("standard output closed");
        }
    }
}
