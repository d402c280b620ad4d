package dev.syncdict.shell.bench;

import dev.syncdict.client.DaemonRefusedException;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The syncdict protocol for the load generator. Each request line is made once by the protocol's
 * own codec with a marker for the key, then copied with the key's number in its place, so the
 * lines are exactly what the client library sends, without a JSON encoder per request.
 */
final class SyncdictWire implements Wire {

    private static final String MARKER = "MARKER";

    private final InetSocketAddress address;
    private final Token token;
    private final Duration timeout;
    private final Map<Operation, byte[][]> templates = new EnumMap<>(Operation.class);
    private final int maxRequestBytes;

    SyncdictWire(InetSocketAddress address, Token token, Duration timeout, int valueSize, BigDecimal by) {
        this.address = address;
        this.token = token;
        this.timeout = timeout;
        int longest = 0;
        for (Operation operation : Operation.values()) {
            Request request = Request.of(op(operation))
                    .with(Field.PATH, Path.key(operation.keyPrefix() + MARKER));
            if (operation == Operation.SET) {
                request = request.with(Field.VALUE, "x".repeat(valueSize));
            } else if (operation == Operation.INCR) {
                request = request.with(Field.BY, by);
            }
            String line = Codec.encode(request) + "\n";
            int marker = line.indexOf(MARKER);
            byte[][] parts = {line.substring(0, marker).getBytes(StandardCharsets.UTF_8),
                line.substring(marker + MARKER.length()).getBytes(StandardCharsets.UTF_8)};
            templates.put(operation, parts);
            longest = Math.max(longest, parts[0].length + parts[1].length + Ascii.digits(Long.MAX_VALUE));
        }
        this.maxRequestBytes = longest;
    }

    private static Op op(Operation operation) {
        switch (operation) {
            case GET: return Op.GET;
            case SET: return Op.SET;
            default: return Op.INCR;
        }
    }

    @Override
    public SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(address, (int) timeout.toMillis());
            channel.socket().setSoTimeout((int) timeout.toMillis());
            authenticate(channel);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The handshake of docs/PROTOCOL.md; the daemon says nothing after it until asked, so nothing is read ahead. */
    private void authenticate(SocketChannel channel) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(channel.socket().getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = channel.socket().getOutputStream();
        Hello hello = Hello.decode(requireLine(in));
        String nonce = Handshake.newNonce();
        Request auth = Request.of(Op.AUTH).withId(0).with(Field.NONCE, nonce)
                .with(Field.PROOF, Handshake.clientProof(token, hello.nonce(), nonce));
        out.write((Codec.encode(auth) + "\n").getBytes(StandardCharsets.UTF_8));
        Reply reply = Codec.decodeReply(requireLine(in));
        if (reply.isError()) {
            throw new DaemonRefusedException(reply.error());
        }
        if (!Handshake.matches(Handshake.daemonProof(token, hello.nonce(), nonce), reply.proof())) {
            throw new DaemonRefusedException(new Reply.Error(ErrorCode.UNAUTHORIZED, "the daemon could not prove it knows the token"));
        }
    }

    /** A connection watching the whole dictionary: every write the load makes becomes an event on it. */
    SocketChannel openWatcher() throws IOException {
        SocketChannel channel = open();
        Request watch = Request.of(Op.WATCH).withId("bench").with(Field.PATH, Path.ROOT);
        channel.write(ByteBuffer.wrap((Codec.encode(watch) + "\n").getBytes(StandardCharsets.UTF_8)));
        return channel;
    }

    private String requireLine(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("syncdictd at " + address + " closed the connection during the handshake");
        }
        return line;
    }

    @Override
    public void write(Operation operation, long key, ByteBuffer out) {
        byte[][] parts = templates.get(operation);
        out.put(parts[0]);
        Ascii.write(out, key);
        out.put(parts[1]);
    }

    @Override
    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    @Override
    public ReplyScanner scanner() {
        return new LineScanner();
    }

    @Override
    public String server() {
        return "syncdict";
    }
}
