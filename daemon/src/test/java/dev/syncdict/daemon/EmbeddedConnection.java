package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.TreeStore;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection through the daemon's real pipeline ({@link ServerInitializer}) on an
 * EmbeddedChannel, with the owner on the test's own thread: each batch is answered before the
 * bytes that carried it are fed in full.
 */
final class EmbeddedConnection implements AutoCloseable {

    static final Token TOKEN = Token.of("embedded");

    final EmbeddedChannel channel;
    private final List<String> received = new ArrayList<>();

    /** Opens the connection, whose hello is the first line read; {@code history}: commits a watch can start from. */
    EmbeddedConnection(DaemonConfig config, int history) {
        CommitPipeline pipeline = newPipeline(history);
        channel = new EmbeddedChannel(new ServerInitializer(config, new ConnectionLimiter(ConnectionLimits.DEFAULTS.withTotal(10)),
                batch -> runToTheEnd(pipeline, batch), pipeline, new TokenKeeper(TOKEN, null), () -> { },
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
    }

    /** Opens the connection and completes the handshake, checking the daemon's proof. */
    static EmbeddedConnection authenticated(DaemonConfig config, int history) {
        EmbeddedConnection connection = new EmbeddedConnection(config, history);
        Hello hello = Hello.decode(connection.nextLine());
        String nonce = Handshake.newNonce();
        connection.feed("{\"op\":\"auth\",\"nonce\":\"" + nonce + "\",\"proof\":\"" + Handshake.clientProof(TOKEN, hello.nonce(), nonce) + "\"}\n");
        Reply auth = Codec.decodeReply(connection.nextLine());
        assertThat(auth.isError()).isFalse();
        assertThat(Handshake.matches(Handshake.daemonProof(TOKEN, hello.nonce(), nonce), auth.proof())).isTrue();
        return connection;
    }

    /** Runs a batch, and whatever it carries over to the next group, as the sequencer does. */
    private static void runToTheEnd(CommitPipeline pipeline, Batch batch) {
        for (List<Batch> group = List.of(batch); !group.isEmpty();) {
            group = pipeline.run(group);
        }
    }

    private static CommitPipeline newPipeline(int history) {
        WatchHub hub = new WatchHub(history, 1 << 20, 1 << 20, 0);
        // As the daemon's: old values kept, for watches with prev.
        Dictionary dictionary = new Dictionary();
        dictionary.keepOldValues(true);
        MemoryCap cap = new MemoryCap(Long.MAX_VALUE, dictionary::bytes);
        return new CommitPipeline(new Dispatcher(new TreeStore(dictionary), hub, cap, new TokenKeeper(TOKEN, null), () -> 1,
                new InMemory()), List.of(hub));
    }

    void feed(String text) {
        feedBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void feedBytes(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** The next reply line, already written: the pipeline runs on this thread. */
    String nextLine() {
        List<String> lines = replies();
        assertThat(lines).as("replies written").isNotEmpty();
        return received.remove(0);
    }

    /** Every reply line written and not yet taken, after running what the channel has scheduled. */
    List<String> replies() {
        channel.runPendingTasks();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            String text = buf.toString(StandardCharsets.UTF_8);
            buf.release();
            for (String line : text.split("\n")) {
                received.add(line);
            }
        }
        return received;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
