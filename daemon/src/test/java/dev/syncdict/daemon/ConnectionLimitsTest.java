package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real sockets: each connection limit answers with its own code and leaves every other client untouched. */
class ConnectionLimitsTest {

    private static final Token TOKEN = Token.of("connection-limits");
    private Daemon daemon;

    private void start(ConnectionLimits limits) throws Exception {
        daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0).withConnections(limits));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void anAddressPastItsShareIsTurnedAwayWhileOtherAddressesAreServed() throws Exception {
        start(ConnectionLimits.DEFAULTS.withPerAddress(2));
        List<RawConnection> mine = List.of(RawConnection.authenticated(daemon.port(), TOKEN), RawConnection.authenticated(daemon.port(), TOKEN));
        try (Socket third = connectFrom("127.0.0.1")) {
            BufferedReader in = reader(third);
            Reply refusal = Codec.decodeReply(in.readLine());
            assertThat(refusal.error().code().wireName()).isEqualTo("too_many_from_address");
            assertThat(refusal.error().message()).contains("2 connections from 127.0.0.1").contains("--max-connections-per-address");
            assertThat(in.readLine()).isNull();
        }
        // The whole 127.0.0.0/8 is loopback: a second address of this machine has its own share.
        try (Socket other = connectFrom("127.0.0.2")) {
            assertThat(reader(other).readLine()).contains("\"hello\"");
        }
        mine.get(0).send("{\"id\":1,\"op\":\"ping\"}");
        assertThat(mine.get(0).readLine()).contains("pong");
        mine.get(1).close();
        // Once the daemon has seen the close, the address has room again.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            try (RawConnection again = RawConnection.authenticated(daemon.port(), TOKEN)) {
                again.send("{\"id\":1,\"op\":\"ping\"}");
                assertThat(again.readLine()).contains("pong");
            }
        });
        mine.get(0).close();
    }

    @Test
    void anIdleConnectionIsToldWhyAndClosedButAWatcherIsNot() throws Exception {
        start(ConnectionLimits.DEFAULTS.withIdleTimeout(Duration.ofMillis(300)));
        try (RawConnection watcher = RawConnection.authenticated(daemon.port(), TOKEN);
                RawConnection idle = RawConnection.authenticated(daemon.port(), TOKEN)) {
            watcher.send("{\"id\":1,\"op\":\"watch\",\"path\":\"k\"}");
            assertThat(watcher.readLine()).isEqualTo("{\"id\":1,\"rev\":0}");

            Reply goodbye = Codec.decodeReply(idle.readLine());
            assertThat(goodbye.id()).isNull();
            assertThat(goodbye.error().code().wireName()).isEqualTo("idle_timeout");
            assertThat(goodbye.error().message()).contains("no request for 300 ms").contains("--idle-timeout");
            assertThat(idle.readLine()).isNull();

            // Far past its own timeout, the watcher still hears of a write.
            try (RawConnection writer = RawConnection.authenticated(daemon.port(), TOKEN)) {
                writer.send("{\"id\":1,\"op\":\"set\",\"path\":\"k\",\"value\":1}");
                assertThat(writer.readLine()).isEqualTo("{\"id\":1,\"rev\":1}");
            }
            assertThat(watcher.readLine()).contains("\"watch\":1").contains("\"rev\":1");
            // Once it stops watching, it is idle like any other.
            watcher.send("{\"id\":2,\"op\":\"unwatch\",\"watch\":1}");
            assertThat(watcher.readLine()).isEqualTo("{\"id\":2,\"rev\":1}");
            assertThat(watcher.readLine()).contains("\"idle_timeout\"");
        }
    }

    @Test
    void requestsPastTheInFlightLimitAreRefusedInOrderAndTheConnectionGoesOn() throws Exception {
        start(ConnectionLimits.DEFAULTS.withInFlight(4));
        int sent = 2000;
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            StringBuilder burst = new StringBuilder();
            for (int id = 1; id <= sent; id++) {
                burst.append("{\"id\":").append(id).append(",\"op\":\"incr\",\"path\":\"n\"}\n");
            }
            connection.write(burst.toString());
            List<Reply> replies = new ArrayList<>();
            for (int id = 1; id <= sent; id++) {
                Reply reply = Codec.decodeReply(connection.readLine());
                assertThat(reply.id()).isEqualTo(BigDecimal.valueOf(id));
                replies.add(reply);
            }
            List<Reply> refused = replies.stream().filter(Reply::isError).toList();
            assertThat(refused).isNotEmpty().allSatisfy(reply -> {
                assertThat(reply.error().code().wireName()).isEqualTo("too_many_in_flight");
                assertThat(reply.error().message()).contains("4 requests unanswered").contains("--max-in-flight");
            });
            // Exactly the requests that were answered ok were applied.
            connection.send("{\"id\":0,\"op\":\"get\",\"path\":\"n\"}");
            Reply value = Codec.decodeReply(connection.readLine());
            assertThat(value.value()).isEqualTo(BigDecimal.valueOf(sent - refused.size()));
        }
    }

    private Socket connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", daemon.port()));
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }
}
