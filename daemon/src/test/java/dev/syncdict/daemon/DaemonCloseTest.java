package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Real sockets: a daemon that closes ends each connection after its last reply, with no reset. */
class DaemonCloseTest {

    private static final Token TOKEN = Token.of("close");

    /**
     * A client that keeps sending while the daemon closes reads every reply the daemon wrote, then
     * the end of the stream. Closing a socket with unread input would reset it instead, and the
     * client would lose the replies it had not read yet.
     */
    @Test
    void aClientStillSendingWhenTheDaemonClosesReadsEveryReplyThenTheEnd() throws Exception {
        AtomicLong applied = new AtomicLong();
        Daemon daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0),
                List.of(group -> applied.set(group.get(group.size() - 1).revision())));
        List<String> replies = new ArrayList<>();
        try (RawConnection client = RawConnection.authenticated(daemon.port(), TOKEN)) {
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                String batch = "{\"op\":\"incr\",\"path\":\"n\"}\n".repeat(100);
                try {
                    while (true) {
                        client.write(batch);
                    }
                } catch (IOException e) {
                    // The test closed the socket once it had read to the end: the sending stops.
                }
            });
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                try {
                    for (String line = client.readLine(); line != null; line = client.readLine()) {
                        synchronized (replies) {
                            replies.add(line);
                        }
                    }
                } catch (IOException e) {
                    throw new AssertionError("the connection broke instead of ending after " + replies.size() + " replies", e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                synchronized (replies) {
                    return replies.size() >= 1000;
                }
            });
            // The daemon's close waits for its connections to end: this client ends its own below.
            CompletableFuture<Void> closing = CompletableFuture.runAsync(daemon::close);
            reading.get();
            client.close();
            sending.get();
            closing.get();
        } finally {
            daemon.close();
        }
        // Each reply is whole and none is missing: the counter's values, one after another, the
        // lines past the in-flight limit (this client never waits) refused as such.
        long counted = 0;
        for (String line : replies) {
            Reply reply = Codec.decodeReply(line);
            if (reply.isError()) {
                assertThat(reply.error().code()).isEqualTo(ErrorCode.TOO_MANY_IN_FLIGHT);
            } else {
                assertThat(reply.value()).isEqualTo(BigDecimal.valueOf(++counted));
            }
        }
        assertThat(counted).isPositive();
        // And every incr applied was answered: a close can also end the stream cleanly but early.
        assertThat(counted).as("incrs answered against incrs applied").isEqualTo(applied.get());
    }
}
