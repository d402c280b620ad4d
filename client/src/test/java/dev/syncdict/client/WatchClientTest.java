package dev.syncdict.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Event;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's watch API: events and calls share one connection, and a watch resumes where it stopped. */
class WatchClientTest {

    @RegisterExtension
    final InProcessDaemon daemon = new InProcessDaemon("watch-client");

    @Test
    void callsAndEventsShareTheConnection() throws Exception {
        try (SyncdictClient client = daemon.connect()) {
            Watch watch = client.watch(Path.parse("cfg"), null, true);
            client.set("cfg.port", BigDecimal.valueOf(80));
            client.set("elsewhere", BigDecimal.ONE);
            client.set("cfg.port", BigDecimal.valueOf(8080));
            assertThat(client.get("cfg.port")).isEqualTo(BigDecimal.valueOf(8080));
            Event first = watch.next();
            assertThat(first.changes()).singleElement().satisfies(change -> {
                assertThat(change.kind()).isEqualTo("set");
                assertThat(change.path()).isEqualTo(Path.parse("cfg.port"));
                assertThat(change.prev()).isNull();
            });
            Event second = watch.next();
            assertThat(second.rev()).isEqualTo(first.rev() + 2);
            assertThat(Json.write(second.changes().get(0).prev())).isEqualTo("80");
            assertThat(watch.next(Duration.ofMillis(100))).as("nothing more").isNull();
            watch.close();
            client.set("cfg.port", BigDecimal.ONE);
            assertThat(client.get("cfg.port")).isEqualTo(BigDecimal.ONE);
        }
    }

    @Test
    void aWatchResumesOnAnotherConnectionFromItsLastRevision() throws Exception {
        long last;
        try (SyncdictClient writer = daemon.connect()) {
            try (SyncdictClient first = daemon.connect()) {
                Watch watch = first.watch(Path.parse("n"), null, false);
                writer.incr("n", BigDecimal.ONE);
                watch.next();
                last = watch.lastRevision();
            }
            for (int i = 0; i < 5; i++) {
                writer.incr("n", BigDecimal.ONE);
            }
            try (SyncdictClient second = daemon.connect()) {
                Watch resumed = second.watch(Path.parse("n"), last, false);
                for (int expected = 2; expected <= 6; expected++) {
                    assertThat(resumed.next().changes().get(0).value()).isEqualTo(BigDecimal.valueOf(expected));
                }
                assertThat(resumed.lastRevision()).isEqualTo(last + 5);
                assertThatThrownBy(() -> second.watch(Path.parse("n"), last + 100, false))
                        .isInstanceOf(ReplyException.class)
                        .satisfies(e -> assertThat(((ReplyException) e).error().code()).isEqualTo(ErrorCode.BAD_REQUEST));
            }
        }
    }
}
