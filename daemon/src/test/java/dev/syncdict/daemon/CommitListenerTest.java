package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real daemon with a recording listener: every commit is seen once, in order, before its reply leaves. */
class CommitListenerTest {

    private static final Token TOKEN = Token.of("listeners");
    private static final int CLIENTS = 4;
    private static final int WRITES = 500;

    /** Records each group; refuses when told to. Called on the owner's thread, read from the test's. */
    private static final class Recorder implements CommitListener {
        final List<Commit> seen = Collections.synchronizedList(new ArrayList<>());
        volatile String refuse;

        @Override
        public void accept(List<Commit> group) throws Exception {
            if (refuse != null) {
                throw new java.io.IOException(refuse);
            }
            seen.addAll(group);
        }

        boolean recorded(long revision) {
            synchronized (seen) {
                return seen.stream().anyMatch(commit -> commit.revision() == revision);
            }
        }
    }

    private final Recorder recorder = new Recorder();
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0), List.of(recorder));
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    @Test
    void everyCommitIsRecordedOnceInRevisionOrderBeforeItsReplyArrives() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    int checked = 0;
                    try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
                        for (int i = 0; i < WRITES; i += 5) {
                            // Five pipelined writes, then their replies: groups of several connections' batches.
                            for (int j = 0; j < 5; j++) {
                                connection.send("{\"op\":\"incr\",\"path\":\"c" + client + "\"}");
                            }
                            for (int j = 0; j < 5; j++) {
                                Reply reply = Codec.decodeReply(connection.readLine());
                                assertThat(reply.isError()).isFalse();
                                assertThat(recorder.recorded(reply.rev())).as("revision %d recorded before its reply", reply.rev()).isTrue();
                                checked++;
                            }
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> client : done) {
                assertThat(client.get()).isEqualTo(WRITES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(recorder.seen).extracting(Commit::revision)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, CLIENTS * WRITES).boxed().toList());
    }

    @Test
    void readsAndRefusedWritesCommitNothing() throws Exception {
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            connection.send("{\"id\":1,\"op\":\"get\",\"path\":\"x\"}");
            connection.send("{\"id\":2,\"op\":\"incr\",\"path\":\"x\",\"by\":\"one\"}");
            connection.send("{\"id\":3,\"op\":\"del\",\"path\":\"x\"}");
            connection.send("{\"id\":4,\"op\":\"set\",\"path\":\"x\",\"value\":1}");
            for (int i = 0; i < 4; i++) {
                connection.readLine();
            }
        }
        assertThat(recorder.seen).extracting(Commit::revision).containsExactly(1L);
    }

    @Test
    void aGroupTheListenersRefuseIsUndoneAndAnsweredIoErrorAndWritesResumeAfterwards() throws Exception {
        recorder.refuse = "disk on fire";
        try (RawConnection writer = RawConnection.authenticated(daemon.port(), TOKEN)) {
            // One batch: the read after the refused write must not see it.
            writer.send("{\"id\":1,\"op\":\"set\",\"path\":\"x\",\"value\":1}\n{\"id\":2,\"op\":\"get\",\"path\":\"x\"}");
            Reply refused = Codec.decodeReply(writer.readLine());
            assertThat(refused.error().code()).isEqualTo(dev.syncdict.protocol.ErrorCode.IO_ERROR);
            assertThat(refused.error().message()).contains("disk on fire").contains("nothing changed");
            assertThat(refused.rev()).isZero();
            Reply read = Codec.decodeReply(writer.readLine());
            assertThat(read.error().code()).isEqualTo(dev.syncdict.protocol.ErrorCode.NOT_FOUND);
            recorder.refuse = null;
            writer.send("{\"id\":3,\"op\":\"set\",\"path\":\"x\",\"value\":2}");
            assertThat(Codec.decodeReply(writer.readLine()).rev()).isEqualTo(1);
        }
        assertThat(recorder.seen).extracting(Commit::revision).containsExactly(1L);
    }
}
