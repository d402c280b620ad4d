package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Commit;
import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.Store;
import dev.syncdict.daemon.store.TreeStore;
import dev.syncdict.daemon.wal.Durability;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running daemon: the listening socket and the one event loop that reads every connection and,
 * through the sequencer, owns the dictionary. {@link #start} returns once the port is bound, so
 * tests and embedders can start one on port 0 in-process and read {@link #port()}.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Daemon.class.getName());

    static {
        leakDetection(System.getProperty("io.netty.leakDetection.level"));
    }

    private final EventLoopGroup loop;
    /** Every open connection, closed explicitly on the way out (see {@link #release}). */
    private final ChannelGroup connections;
    private final CommitPipeline pipeline;
    private final Sequencer sequencer;
    private final ServerInitializer initializer;
    private final Persistence persistence;
    private final Channel listener;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Daemon(DaemonConfig config, List<CommitListener> listeners) throws InterruptedException, IOException {
        Dictionary dictionary;
        List<CommitListener> all = new ArrayList<>();
        List<Commit> replayed = List.of();
        if (config.log() == null) {
            persistence = new InMemory();
            dictionary = new Dictionary();
        } else {
            // Recovered before anything listens; the log hears of every commit first.
            Durability durability = Durability.open(config.log());
            persistence = durability;
            dictionary = durability.dictionary();
            replayed = durability.takeReplayed();
            all.add(durability);
        }
        // Old values are kept for watches that ask for them (--prev).
        dictionary.keepOldValues(true);
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        // One thread for every connection and the store, as Redis: a request goes from its socket
        // through the store to its reply without changing threads (docs/CONCURRENCY.md).
        loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("syncdictd-loop"), io);
        connections = new DefaultChannelGroup("syncdictd-connections", loop.next());
        ConnectionLimiter limiter = new ConnectionLimiter(config.connections());
        Store store = new TreeStore(dictionary);
        // After a restart the history holds the end of the log, so a watch resumes across it.
        long historyStart = replayed.isEmpty() ? store.revision() : replayed.get(0).revision() - 1;
        WatchHub hub = new WatchHub(DaemonConfig.WATCH_HISTORY_COMMITS, DaemonConfig.WATCH_HISTORY_BYTES, 4L * config.outboxBytes(), historyStart);
        hub.accept(replayed);
        MemoryCap cap = new MemoryCap(config.maxMemoryBytes(), dictionary::bytes);
        all.addAll(listeners);
        all.add(hub);
        TokenKeeper tokens = new TokenKeeper(config.token(), config.tokenFile());
        pipeline = new CommitPipeline(new Dispatcher(store, hub, cap, tokens, limiter::open, persistence), all);
        sequencer = new Sequencer(pipeline, loop.next());
        initializer = new ServerInitializer(config, limiter, sequencer::submit, pipeline, tokens, this::closeInBackground, connections);
        try {
            listener = new ServerBootstrap()
                    .group(loop)
                    .channel(channelType)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    // Both ends disable Nagle: a request or reply is one small write that must leave at once.
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // A peer whose machine vanished never closes its connection: the kernel's probes find it.
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(initializer)
                    .bind(config.bind(), config.port()).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * Turns Netty's leak detector off unless {@code configured}, the io.netty.leakDetection.level
     * property, names a level: it records a stack trace for a sample of the buffers, 2 to 3 % of
     * the daemon's CPU per request (perf, docs/BENCHMARKS.md), for a check that only logs. The
     * daemon's tests keep it on.
     */
    static void leakDetection(String configured) {
        if (configured == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * Starts a daemon and returns once it listens, its dictionary recovered from the data folder
     * when it keeps one (a {@link dev.syncdict.daemon.wal.PersistenceException} says why it cannot).
     */
    public static Daemon start(DaemonConfig config) throws InterruptedException, IOException {
        return new Daemon(config, List.of());
    }

    /** Starts a daemon whose commits also go to these listeners (tests record them). */
    static Daemon start(DaemonConfig config, List<CommitListener> listeners) throws InterruptedException, IOException {
        return new Daemon(config, listeners);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The replies every connection together has waiting to be read, in bytes. */
    long repliesWaiting() {
        return initializer.repliesWaiting();
    }

    public int port() {
        return address().getPort();
    }

    /** Blocks until the daemon has closed (by {@link #close()} or a shutdown request). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops listening, closes every connection and stops the sequencer. */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            listener.close().syncUninterruptibly();
            release();
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The sequencer stops first, answering every batch it holds while the event loops can still
     * write; the log closes (synced) once the owner has stopped.
     */
    private void release() {
        sequencer.close();
        try {
            persistence.close();
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not close the log cleanly", e);
        }
        // Stopping the one loop that serves both the listener and the connections did not always
        // close the connections (a client then waited for an end that never came): close them first,
        // each after its last reply, without the reset that could destroy replies not yet read.
        LingeringClose.closeAll(connections);
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        closed.countDown();
    }

    /** A shutdown request arrives on an event loop, which must not wait for itself to stop. */
    private void closeInBackground() {
        new Thread(this::close, "syncdictd-shutdown").start();
    }
}
