package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing a connection sent is handed to the owner after its end: the end follows every batch
 * handed over before it, and what still waited then (lines behind a batch in flight, a batch held
 * back at the high-water mark) is dropped, as bytes left unread in its socket are.
 */
class ConnectionEndTest {

    /** Every batch handed to the owner or resumed, in order; the owner itself never runs here. */
    private final List<Batch> handed = new ArrayList<>();
    private EmbeddedChannel channel;
    private Outbox outbox;

    @BeforeEach
    void openConnection() {
        channel = new EmbeddedChannel();
        RequestHandler requests = new RequestHandler(handed::add, answered -> new Outbox(channel, DaemonConfig.defaults(Token.of("t")),
                new OutboxBudget(Long.MAX_VALUE), handed::add, touched -> { }, answered, () -> { }), 100);
        outbox = requests.outbox();
        channel.pipeline().addLast(requests);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void linesWaitingBehindABatchInFlightAreNotHandedOverOnceTheConnectionEnds() {
        channel.writeInbound(incr());
        Batch inFlight = onlyBatch();
        channel.writeInbound(incr(), incr());
        assertThat(handed).as("lines read while a batch is in flight wait").hasSize(1);

        channel.close();
        // The owner answers the batch in flight after the connection's end was queued.
        outbox.release(inFlight, Outbox.Then.READ_MORE);

        assertThat(handed).hasSize(2);
        assertThat(handed.get(1).next()).isSameAs(DecodedLine.CLOSED);
    }

    @Test
    void whileTheConnectionLivesTheLinesWaitingGoOnceTheBatchInFlightIsAnswered() {
        channel.writeInbound(incr());
        Batch inFlight = onlyBatch();
        channel.writeInbound(incr(), incr());

        outbox.release(inFlight, Outbox.Then.READ_MORE);

        assertThat(handed).hasSize(2);
        assertThat(handed.get(1).next().request().op()).isEqualTo(Op.INCR);
    }

    @Test
    void aBatchHeldBackAtTheHighWaterMarkIsDroppedOnceTheConnectionEnds() {
        channel.writeInbound(incr());
        Batch heldBack = onlyBatch();
        channel.close();
        handed.clear();

        outbox.release(heldBack, Outbox.Then.RESUME_BATCH);
        channel.runPendingTasks();

        assertThat(handed).as("batches resumed").isEmpty();
    }

    @Test
    void aBatchHeldBackGoesOnWhileTheConnectionLives() {
        channel.writeInbound(incr());
        Batch heldBack = onlyBatch();
        handed.clear();

        outbox.release(heldBack, Outbox.Then.RESUME_BATCH);
        channel.runPendingTasks();

        assertThat(handed).containsExactly(heldBack);
    }

    private Batch onlyBatch() {
        assertThat(handed).hasSize(1);
        return handed.get(0);
    }

    private static DecodedLine incr() {
        return DecodedLine.of(Request.of(Op.INCR).with(Field.PATH, Path.key("n")));
    }
}
