package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real daemon on port 0: once a request of a chain fails, the connection's later requests of that chain are skipped, not applied. */
@Timeout(60)
class ChainTest {

    private static final Token TOKEN = Token.of("chains");
    private Daemon daemon;
    /** What the log would say: refuses every group while set. Set by the test's thread, read by the owner's. */
    private volatile String refuse;

    private void start(DaemonConfig config) throws Exception {
        CommitListener log = (List<Commit> group) -> {
            if (refuse != null) {
                throw new IOException(refuse);
            }
        };
        daemon = Daemon.start(config.withPort(0), List.of(log));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aFailureSkipsTheRestOfItsChainButNotOtherChainsOrUnchainedRequests() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            // One write: the whole script is in flight before the failure is known.
            connection.write("""
                    {"id":1,"op":"incr","path":"a","chain":"A"}
                    {"id":2,"op":"get","path":"nope","chain":"A"}
                    {"id":3,"op":"incr","path":"a","chain":"A"}
                    {"id":4,"op":"incr","path":"b","chain":7}
                    {"id":5,"op":"incr","path":"c"}
                    {"id":6,"op":"tx","ops":[{"op":"set","path":"a","value":"x"}],"chain":"A"}
                    {"id":7,"op":"get","path":"a","chain":"A"}
                    {"id":8,"op":"incr","path":"b","chain":7.0}
                    """);
            List<Reply> replies = read(connection, 8);
            assertThat(replies.get(0).value()).isEqualTo(BigDecimal.ONE);
            assertThat(replies.get(1).error().code()).isEqualTo(ErrorCode.NOT_FOUND);
            for (int skipped : new int[] {2, 5, 6}) {
                assertThat(replies.get(skipped).error().code()).isEqualTo(ErrorCode.SKIPPED);
                assertThat(replies.get(skipped).error().message()).contains("chain \"A\" failed");
                assertThat(replies.get(skipped).id()).isEqualTo(BigDecimal.valueOf(skipped + 1));
            }
            assertThat(replies.get(3).value()).isEqualTo(BigDecimal.ONE);
            assertThat(replies.get(4).value()).isEqualTo(BigDecimal.ONE);
            assertThat(replies.get(7).value()).isEqualTo(BigDecimal.valueOf(2));
            // Nothing skipped was applied: a is still 1, and only four writes took revisions.
            connection.send("{\"id\":9,\"op\":\"dump\"}");
            Reply dump = Codec.decodeReply(connection.readLine());
            assertThat(Codec.toJson(dump).get("value")).hasToString("{a=1, b=2, c=1}");
            assertThat(dump.rev()).isEqualTo(4);
        }
    }

    @Test
    void aFailedChainIsTheConnectionsOwnAndTheNextFailedChainReplacesIt() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        try (RawConnection first = RawConnection.authenticated(daemon.port(), TOKEN);
                RawConnection second = RawConnection.authenticated(daemon.port(), TOKEN)) {
            first.write("{\"id\":1,\"op\":\"get\",\"path\":\"nope\",\"chain\":1}\n{\"id\":2,\"op\":\"incr\",\"path\":\"n\",\"chain\":1}\n");
            assertThat(read(first, 2).get(1).error().code()).isEqualTo(ErrorCode.SKIPPED);
            second.send("{\"id\":1,\"op\":\"incr\",\"path\":\"n\",\"chain\":1}");
            assertThat(Codec.decodeReply(second.readLine()).value()).isEqualTo(BigDecimal.ONE);
            // Chain 2 fails on the first connection: chain 1 runs there again.
            first.write("{\"id\":3,\"op\":\"get\",\"path\":\"nope\",\"chain\":2}\n{\"id\":4,\"op\":\"incr\",\"path\":\"n\",\"chain\":1}\n");
            assertThat(read(first, 2).get(1).value()).isEqualTo(BigDecimal.valueOf(2));
        }
    }

    @Test
    void aRequestPastTheInFlightLimitFailsItsChainSoNothingAfterItIsApplied() throws Exception {
        start(DaemonConfig.defaults(TOKEN).withConnections(ConnectionLimits.DEFAULTS.withInFlight(4)));
        int sent = 2000;
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            StringBuilder burst = new StringBuilder();
            for (int id = 1; id <= sent; id++) {
                burst.append("{\"id\":").append(id).append(",\"op\":\"incr\",\"path\":\"n\",\"chain\":\"s\"}\n");
            }
            connection.write(burst.toString());
            List<Reply> replies = read(connection, sent);
            int firstFailure = 0;
            while (!replies.get(firstFailure).isError()) {
                assertThat(replies.get(firstFailure).value()).isEqualTo(BigDecimal.valueOf(firstFailure + 1));
                firstFailure++;
            }
            assertThat(replies.get(firstFailure).error().code()).isEqualTo(ErrorCode.TOO_MANY_IN_FLIGHT);
            assertThat(replies.subList(firstFailure + 1, sent)).allSatisfy(reply -> assertThat(reply.error().code())
                    .isIn(ErrorCode.SKIPPED, ErrorCode.TOO_MANY_IN_FLIGHT));
            connection.send("{\"id\":0,\"op\":\"get\",\"path\":\"n\"}");
            assertThat(Codec.decodeReply(connection.readLine()).value()).isEqualTo(BigDecimal.valueOf(firstFailure));
        }
    }

    @Test
    void aLineTheDaemonCannotReadFailsTheChainItNames() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            connection.write("""
                    {"id":1,"op":"incr","path":"n","by":"two","chain":"c"}
                    {"id":2,"op":"incr","path":"n","chain":"c"}
                    {"id":3,"op":"incr","path":"n"}
                    """);
            List<Reply> replies = read(connection, 3);
            assertThat(replies.get(0).error().code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(replies.get(1).error().code()).isEqualTo(ErrorCode.SKIPPED);
            assertThat(replies.get(2).value()).isEqualTo(BigDecimal.ONE);
        }
    }

    @Test
    void aRefusedLineReadAfterALongerOneStillFailsItsChain() throws Exception {
        // Lines are copied into one buffer per thread: what a longer line left behind must not be read as this one's.
        start(DaemonConfig.defaults(TOKEN));
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            connection.write("{\"id\":1,\"op\":\"set\",\"path\":\"long\",\"value\":\"" + "x".repeat(300) + "\"}\n"
                    + "{\"id\":2,\"op\":\"incr\",\"by\":\"two\",\"chain\":\"c\"}\n"
                    + "{\"id\":3,\"op\":\"incr\",\"path\":\"n\",\"chain\":\"c\"}\n");
            List<Reply> replies = read(connection, 3);
            assertThat(replies.get(1).error().code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(replies.get(2).error().code()).isEqualTo(ErrorCode.SKIPPED);
        }
    }

    @Test
    void whenTheLogRefusesAGroupItsChainsAreAnsweredAgainFromWhereTheyStood() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        refuse = "disk on fire";
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            // At first the write succeeds and the read fails the chain; answered again, the write
            // is the failure (io_error), not skipped for a failure that came after it.
            connection.write("""
                    {"id":1,"op":"set","path":"x","value":1,"chain":"c"}
                    {"id":2,"op":"get","path":"nope","chain":"c"}
                    {"id":3,"op":"get","path":"x","chain":"c"}
                    """);
            List<Reply> replies = read(connection, 3);
            assertThat(replies.get(0).error().code()).isEqualTo(ErrorCode.IO_ERROR);
            assertThat(replies.get(1).error().code()).isEqualTo(ErrorCode.SKIPPED);
            assertThat(replies.get(2).error().code()).isEqualTo(ErrorCode.SKIPPED);
            refuse = null;
            connection.send("{\"id\":4,\"op\":\"get\",\"path\":\"x\"}");
            assertThat(Codec.decodeReply(connection.readLine()).error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    private static List<Reply> read(RawConnection connection, int count) throws IOException {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(Codec.decodeReply(connection.readLine()));
        }
        return replies;
    }
}
