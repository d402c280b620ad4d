package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.GoldenSamples;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Token;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** A fresh daemon answers every golden request with exactly the golden reply. */
class GoldenConversationTest {

    static final List<String> FILES = GoldenSamples.FILES;

    @ParameterizedTest
    @FieldSource("FILES")
    void daemonRepliesAsWritten(String file) throws Exception {
        Token token = Token.of("golden");
        try (Daemon daemon = Daemon.start(DaemonConfig.defaults(token).withPort(0));
                RawConnection connection = RawConnection.authenticated(daemon.port(), token)) {
            for (GoldenSamples.Exchange exchange : GoldenSamples.load(file)) {
                connection.send(exchange.request());
                String reply = connection.readLine();
                assertThat(Json.equal(Json.parse(reply), Json.parse(exchange.reply())))
                        .as("reply to %s%n  got:      %s%n  expected: %s", exchange.request(), reply, exchange.reply())
                        .isTrue();
            }
        }
    }
}
