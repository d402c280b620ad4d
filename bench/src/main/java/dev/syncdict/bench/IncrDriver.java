package dev.syncdict.bench;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * Drives syncdictd or redis-server with {@code incr} of one key from one thread over non-blocking
 * sockets, each connection sending its pipeline of requests and waiting for all their replies
 * before the next (the shape of {@code redis-benchmark -c C -P P}), so the same light client
 * measures both servers. Prints ops/s, latency percentiles of each pipeline's round trip, and the
 * server's CPU per op read from {@code /proc/PID/stat} before and after.
 *
 * <pre>java -cp bench/target/syncdict-bench.jar dev.syncdict.bench.IncrDriver syncdict|redis HOST:PORT SERVER_PID CLIENTS PIPELINE SECONDS</pre>
 */
public final class IncrDriver {

    private IncrDriver() {}

    /** One connection: its request bytes, how many replies it still waits for, when it sent them. */
    private static final class Conn {
        final SocketChannel channel;
        int awaiting;
        long sentAt;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: IncrDriver syncdict|redis HOST:PORT SERVER_PID CLIENTS PIPELINE SECONDS");
            System.exit(2);
        }
        boolean redis = args[0].equals("redis");
        InetSocketAddress target = Targets.address(args[1]);
        long pid = Long.parseLong(args[2]);
        int clients = Integer.parseInt(args[3]);
        int pipeline = Integer.parseInt(args[4]);
        long nanos = Long.parseLong(args[5]) * 1_000_000_000L;
        byte[] one = redis
                ? "*2\r\n$4\r\nINCR\r\n$14\r\nbench:counter1\r\n".getBytes(StandardCharsets.US_ASCII)
                : (Codec.encode(Request.of(Op.INCR).with(Field.PATH, Path.key("bench:counter1")).with(Field.BY, BigDecimal.ONE)) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
        ByteBuffer requests = ByteBuffer.allocateDirect(one.length * pipeline);
        for (int i = 0; i < pipeline; i++) {
            requests.put(one);
        }
        Token token = redis ? null : Targets.token();
        Selector selector = Selector.open();
        Conn[] conns = new Conn[clients];
        for (int i = 0; i < clients; i++) {
            SocketChannel channel = SocketChannel.open(target);
            channel.socket().setTcpNoDelay(true);
            if (!redis) {
                authenticate(channel, token);
            }
            channel.configureBlocking(false);
            conns[i] = new Conn(channel);
            channel.register(selector, SelectionKey.OP_READ, conns[i]);
        }
        ByteBuffer in = ByteBuffer.allocateDirect(1 << 16);
        long[] latencies = new long[1 << 20];
        int samples = 0;
        long ops = 0;
        long cpuBefore = cpuTicks(pid);
        long start = System.nanoTime();
        long end = start + nanos;
        for (Conn conn : conns) {
            send(conn, requests, pipeline);
        }
        while (true) {
            selector.select(100);
            long now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Conn conn = (Conn) key.attachment();
                in.clear();
                int n = conn.channel.read(in);
                if (n < 0) {
                    throw new IOException("the server closed a connection");
                }
                for (int i = 0; i < n; i++) {
                    if (in.get(i) == '\n') {
                        conn.awaiting--;
                        ops++;
                    }
                }
                if (conn.awaiting == 0) {
                    if (samples == latencies.length) {
                        latencies = Arrays.copyOf(latencies, samples * 2);
                    }
                    latencies[samples++] = now - conn.sentAt;
                    if (now < end) {
                        send(conn, requests, pipeline);
                    }
                }
            }
            selector.selectedKeys().clear();
            if (now >= end && Arrays.stream(conns).allMatch(c -> c.awaiting == 0)) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = cpuTicks(pid) - cpuBefore;
        Arrays.sort(latencies, 0, samples);
        System.out.printf("%s c=%d P=%d ops/s %.0f p50_us %.0f p99_us %.0f server_cpu_us_per_op %.2f%n", args[0], clients, pipeline,
                ops / seconds, latencies[samples / 2] / 1e3, latencies[(int) (samples * 0.99)] / 1e3, cpu * 10_000.0 / ops);
        for (Conn conn : conns) {
            conn.channel.close();
        }
    }

    private static void send(Conn conn, ByteBuffer requests, int pipeline) throws IOException {
        ByteBuffer out = requests.duplicate().flip();
        conn.sentAt = System.nanoTime();
        conn.awaiting = pipeline;
        while (out.hasRemaining()) {
            conn.channel.write(out);
        }
    }

    /** The hello, the auth request and its reply, blocking: done before the clock starts. */
    private static void authenticate(SocketChannel channel, Token token) throws IOException {
        Hello hello = Hello.decode(readLine(channel));
        String nonce = Handshake.newNonce();
        String auth = Codec.encode(Request.of(Op.AUTH).with(Field.NONCE, nonce)
                .with(Field.PROOF, Handshake.clientProof(token, hello.nonce(), nonce))) + "\n";
        channel.write(ByteBuffer.wrap(auth.getBytes(StandardCharsets.UTF_8)));
        if (Codec.decodeReply(readLine(channel)).isError()) {
            throw new IOException("the daemon refused the token");
        }
    }

    private static String readLine(SocketChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        while (channel.read(one.clear()) == 1 && one.get(0) != '\n') {
            line.append((char) one.get(0));
        }
        return line.toString();
    }

    /** The process's user and system CPU time in clock ticks (1/100 s), fields 14 and 15 of /proc/PID/stat. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
