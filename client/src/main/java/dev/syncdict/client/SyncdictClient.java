package dev.syncdict.client;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Event;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Limits;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.ProtocolException;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A blocking connection to a syncdict daemon on plain JDK sockets: it performs the mutual
 * handshake, sends requests and reads their replies in order. Requests may be pipelined with
 * {@link #pipeline(List)}, or sent with {@link #send(Request)} and read back with {@link #next()}.
 * Not thread-safe: use one client per thread.
 *
 * <pre>{@code
 * try (SyncdictClient client = SyncdictClient.connect("127.0.0.1", 7440, token)) {
 *     client.incr("visits", BigDecimal.ONE);
 * }
 * }</pre>
 */
public final class SyncdictClient implements Closeable {

    /**
     * Requests in flight at once when pipelining: well under the daemon's default limit of requests
     * unanswered per connection (1024, {@code syncdictd --max-in-flight}), which refuses those past it.
     */
    public static final int PIPELINE_WINDOW = 128;

    /**
     * Bytes of requests sent ahead of their replies, at most (a longer request goes alone): less than
     * the socket buffers between client and daemon hold, so a send never waits on a daemon that has
     * stopped reading until the client reads its replies.
     */
    static final int SEND_AHEAD_BYTES = 64 * 1024;

    /** How long a call waits for its reply, and the handshake for each line, unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InetSocketAddress address;
    private final Duration timeout;
    private final LineInput in;
    private final OutputStream out;
    private final Hello hello;
    private long nextId = 1;
    /** The size of each request sent whose reply has not been read, oldest first. */
    private final ArrayDeque<Integer> unread = new ArrayDeque<>();
    private long unreadBytes;
    /** Replies read early, to make room for a send, that {@link #next()} has not returned yet. */
    private final ArrayDeque<Reply> early = new ArrayDeque<>();
    private long revision;
    private final Map<BigDecimal, Watch> watches = new HashMap<>();

    private SyncdictClient(Socket socket, InetSocketAddress address, Token token, Duration timeout) throws IOException {
        this.socket = socket;
        this.address = address;
        this.timeout = timeout;
        // Every reply the daemon may send fits: the limits are the protocol's, shared with the daemon.
        this.in = new LineInput(socket.getInputStream(), Limits.REPLY_LINE_BYTES);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 65536);
        this.hello = readHello();
        authenticate(token);
    }

    /** Connects and authenticates, waiting at most {@link #DEFAULT_TIMEOUT} for the connection and each reply. */
    public static SyncdictClient connect(String host, int port, Token token) throws IOException {
        return connect(new InetSocketAddress(host, port), token, DEFAULT_TIMEOUT);
    }

    /**
     * Connects and authenticates. {@code timeout} bounds the connection, each line of the
     * handshake and each call's wait for its reply: past it a {@link SocketTimeoutException}
     * naming the address ends the call, and the client must be closed. An unknown host or a
     * refused connection is an IOException too.
     */
    public static SyncdictClient connect(InetSocketAddress address, Token token, Duration timeout) throws IOException {
        return connect(address, token, timeout, null);
    }

    /**
     * Connects over TLS when {@code tls} is given ({@link ClientTls}): the daemon's certificate must
     * chain to a trusted CA and name the host connected to; the token handshake then runs inside.
     */
    public static SyncdictClient connect(InetSocketAddress address, Token token, Duration timeout, SSLContext tls) throws IOException {
        Socket socket = new Socket();
        try {
            // Nagle would hold each small request back waiting for an ack (the old recipe's 320 ms).
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) timeout.toMillis());
            // A read blocked longer than this throws: a peer that accepts and says nothing cannot hang us.
            socket.setSoTimeout((int) timeout.toMillis());
            if (tls != null) {
                socket = secure(socket, address, tls);
            }
            return new SyncdictClient(socket, address, token, timeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static SSLSocket secure(Socket plain, InetSocketAddress address, SSLContext tls) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, address.getHostString(), address.getPort(), true);
        SSLParameters parameters = secure.getSSLParameters();
        // Check that the certificate names the host, as HTTPS does; trust alone would accept any of the CA's.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return secure;
    }

    private Hello readHello() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new IOException("the daemon closed the connection before saying hello");
        }
        Hello daemonHello;
        try {
            daemonHello = Hello.decode(line);
        } catch (ProtocolException notHello) {
            Reply refusal = tryReply(line);
            if (refusal != null && refusal.isError()) {
                throw new DaemonRefusedException(refusal.error());
            }
            throw new IOException("the peer at " + socket.getRemoteSocketAddress() + " is not a syncdict daemon");
        }
        if (daemonHello.proto() != Hello.PROTOCOL_VERSION) {
            throw new IOException("the daemon speaks protocol " + daemonHello.proto() + " (syncdictd " + daemonHello.version()
                    + "); this client speaks " + Hello.PROTOCOL_VERSION);
        }
        return daemonHello;
    }

    private static Reply tryReply(String line) {
        try {
            return Codec.decodeReply(line);
        } catch (ProtocolException e) {
            return null;
        }
    }

    private void authenticate(Token token) throws IOException {
        String nonce = Handshake.newNonce();
        Reply reply = call(Request.of(Op.AUTH)
                .with(Field.NONCE, nonce)
                .with(Field.PROOF, Handshake.clientProof(token, hello.nonce(), nonce)));
        if (reply.isError()) {
            throw new DaemonRefusedException(reply.error());
        }
        if (!Handshake.matches(Handshake.daemonProof(token, hello.nonce(), nonce), reply.proof())) {
            throw new DaemonRefusedException(new Reply.Error(ErrorCode.UNAUTHORIZED,
                    "the daemon could not prove it knows the token; it is not the daemon you meant to reach"));
        }
    }

    /** What the daemon said when the connection opened. */
    public Hello hello() {
        return hello;
    }

    /** The newest revision any reply has carried. */
    public long revision() {
        return revision;
    }

    /**
     * Whether the daemon still holds this connection open, judged from what it has already sent
     * (waiting at most a millisecond): one that stopped or restarted has closed it, and one that
     * ended the connection (an idle timeout) sent a last line unasked. Lets a caller reconnect
     * before sending rather than send into a dead connection and guess what happened.
     */
    public boolean isOpen() {
        if (socket.isClosed()) {
            return false;
        }
        if (unanswered() > 0) {
            return true; // what is there to read is replies, not a sign of the end: the next read tells
        }
        try {
            if (!in.hasUnread()) {
                socket.setSoTimeout(1);
                if (in.fill() < 0) {
                    return false;
                }
            }
            // Between calls the daemon sends nothing unasked but events, and the line it closes with.
            return !watches.isEmpty();
        } catch (SocketTimeoutException quiet) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            restoreTimeout();
        }
    }

    /** Back to the deadline the client was opened with. */
    private void restoreTimeout() {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (IOException closed) {
            // The next call will fail on the closed socket and say so.
        }
    }

    /** Sends one request and returns its reply; an error reply is returned, not thrown. */
    public Reply call(Request request) throws IOException {
        return pipeline(List.of(request)).get(0);
    }

    /**
     * Sends requests without waiting for each reply and returns the replies in request order.
     * At most {@link #PIPELINE_WINDOW} requests are in flight at once. Refused, sending nothing
     * (IllegalStateException), while replies of {@link #send(Request)} are still to be read: its
     * replies would be taken for theirs. So are {@link #call(Request)} and the methods built on it.
     */
    public List<Reply> pipeline(List<Request> requests) throws IOException {
        int owed = unanswered();
        if (owed > 0) {
            throw new IllegalStateException(owed == 1 ? "the reply of 1 earlier send is still to be read"
                    : "the replies of " + owed + " earlier sends are still to be read");
        }
        List<Reply> replies = new ArrayList<>(requests.size());
        for (Request request : requests) {
            if (unanswered() == PIPELINE_WINDOW) {
                while (unanswered() > 0) {
                    replies.add(next());
                }
            }
            send(request);
        }
        while (unanswered() > 0) {
            replies.add(next());
        }
        return replies;
    }

    /**
     * Sends a request without waiting for its reply, which {@link #next()} returns later, in
     * request order. It may stay in a buffer until {@code next()} or {@link #flush()}. When the
     * requests already sent would hold too many bytes with it ({@link #SEND_AHEAD_BYTES}), their
     * replies are read first (kept for {@code next()}). The caller bounds how many requests are
     * unanswered ({@link #PIPELINE_WINDOW}).
     */
    public void send(Request request) throws IOException {
        byte[] line = (Codec.encode(request.withId(nextId)) + "\n").getBytes(StandardCharsets.UTF_8);
        while (!unread.isEmpty() && unreadBytes + line.length > SEND_AHEAD_BYTES) {
            early.add(readOldest());
        }
        nextId++;
        out.write(line);
        unread.add(line.length);
        unreadBytes += line.length;
    }

    /** Sends what {@link #send(Request)} left in the buffer. */
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * How many replies were read ahead, to make room for a send, and wait for {@link #next()}: it
     * returns them without reading, so even after the connection broke. They answer the oldest
     * requests unanswered; the request after them is the first whose reply nobody read.
     */
    public int readAhead() {
        return early.size();
    }

    /** How many requests sent have replies {@link #next()} has not returned yet. */
    public int unanswered() {
        return early.size() + unread.size();
    }

    /** The reply to the oldest request sent whose reply has not been returned, waiting for it (sending what is buffered first). */
    public Reply next() throws IOException {
        if (!early.isEmpty()) {
            return early.poll();
        }
        if (unread.isEmpty()) {
            throw new IllegalStateException("no request is waiting for its reply");
        }
        return readOldest();
    }

    private Reply readOldest() throws IOException {
        out.flush();
        Reply reply = receive(nextId - unread.size());
        unreadBytes -= unread.poll();
        return reply;
    }

    /** The reply to the request with this id; events read meanwhile wait in their watch's queue. */
    private Reply receive(long expectedId) throws IOException {
        Object message = readMessage(timeout);
        while (message instanceof Event) {
            queue((Event) message);
            message = readMessage(timeout);
        }
        Reply reply = (Reply) message;
        if (reply.id() == null && reply.isError()) {
            // A line the daemon could not read is answered without an id, in its place in the order.
            // Too long a line, or an idle connection, ends the connection: a refusal, not a reply.
            if (reply.error().code() == ErrorCode.TOO_LARGE || reply.error().code() == ErrorCode.IDLE_TIMEOUT) {
                throw new DaemonRefusedException(reply.error());
            }
            revision = Math.max(revision, reply.rev());
            return reply;
        }
        if (!(reply.id() instanceof BigDecimal) || ((BigDecimal) reply.id()).longValue() != expectedId) {
            throw new IOException("reply out of order: expected id " + expectedId + ", got " + reply.id());
        }
        revision = Math.max(revision, reply.rev());
        return reply;
    }

    /** The next line, or null at the end of the stream; waiting past the timeout is an error naming the daemon. */
    private String readLine() throws IOException {
        return nextLine() ? in.text() : null;
    }

    /** Finds the next line ({@link LineInput#nextLine()}); waiting past the timeout is an error naming the daemon. */
    private boolean nextLine() throws IOException {
        try {
            return in.nextLine();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no answer from " + address.getHostString() + ":" + address.getPort()
                    + " within " + timeout.toMillis() + " ms");
        }
    }

    /** The next reply or event, waiting at most {@code wait} (zero: for ever). */
    private Object readMessage(Duration wait) throws IOException {
        // Replies wait for the client's own deadline, already set on the socket: only a watch's
        // wait changes it, so a call costs no system call of its own for the deadline.
        boolean ownWait = !wait.equals(timeout);
        if (ownWait) {
            socket.setSoTimeout((int) wait.toMillis());
        }
        boolean read;
        try {
            read = nextLine();
        } finally {
            if (ownWait) {
                socket.setSoTimeout((int) timeout.toMillis());
            }
        }
        if (!read) {
            throw new IOException("the daemon closed the connection");
        }
        try {
            return Codec.decodeMessage(in.bytes(), in.lineStart(), in.lineLength());
        } catch (ProtocolException e) {
            throw new IOException("unreadable line from the daemon: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a watch on this connection: every later change at or below {@code path} (after
     * revision {@code from} when given, to resume), with previous values when {@code prev}. The
     * connection still serves calls between events. A refused watch is a {@link ReplyException}.
     */
    public Watch watch(Path path, Long from, boolean prev) throws IOException {
        long id = nextId;
        Reply reply = call(Request.of(Op.WATCH).with(Field.PATH, path).with(Field.FROM, from).with(Field.PREV, prev ? Boolean.TRUE : null));
        if (reply.isError()) {
            throw new ReplyException(reply.error());
        }
        Watch watch = new Watch(this, BigDecimal.valueOf(id), reply.rev());
        watches.put(watch.id(), watch);
        return watch;
    }

    /** The next event of a watch, from its queue or the connection; null when none came within {@code wait}. */
    Event nextEvent(Watch watch, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (watch.queue.isEmpty()) {
            long left = wait.isZero() ? 0 : Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (!wait.isZero() && deadline - System.nanoTime() <= 0) {
                return null;
            }
            Object message;
            try {
                message = readMessage(Duration.ofMillis(left));
            } catch (SocketTimeoutException quiet) {
                return null;
            }
            if (!(message instanceof Event)) {
                throw new IOException("a reply came with no call waiting for it: " + message);
            }
            queue((Event) message);
        }
        return watch.queue.poll();
    }

    /** Ends a watch; events of it that were already on their way are dropped. */
    void unwatch(Watch watch) throws IOException {
        watches.remove(watch.id());
        Reply reply = call(Request.of(Op.UNWATCH).with(Field.WATCH, watch.id()));
        watch.queue.clear();
        if (reply.isError() && reply.error().code() != ErrorCode.NOT_FOUND) {
            throw new ReplyException(reply.error());
        }
    }

    private void queue(Event event) {
        Watch watch = event.watch() instanceof BigDecimal ? watches.get(((BigDecimal) event.watch()).stripTrailingZeros()) : null;
        if (watch != null) {
            watch.queue.add(event);
            if (event.isError()) {
                watches.remove(watch.id());
            }
        }
    }

    /** The value at a path; a missing path is a {@link ReplyException} with code not_found. */
    public Object get(String path) throws IOException {
        return valueOf(call(Request.of(Op.GET).with(Field.PATH, Path.parse(path))));
    }

    /** Stores a JSON value (see {@link dev.syncdict.protocol.Json} for the Java types) at a path. */
    public void set(String path, Object value) throws IOException {
        valueOf(call(Request.of(Op.SET).with(Field.PATH, Path.parse(path)).with(Field.VALUE, value)));
    }

    /** Adds an exact decimal to the number at a path and returns the new value. */
    public BigDecimal incr(String path, BigDecimal by) throws IOException {
        return (BigDecimal) valueOf(call(Request.of(Op.INCR).with(Field.PATH, Path.parse(path)).with(Field.BY, by)));
    }

    /** Deletes the value at a path. */
    public void del(String path) throws IOException {
        valueOf(call(Request.of(Op.DEL).with(Field.PATH, Path.parse(path))));
    }

    private static Object valueOf(Reply reply) {
        if (reply.isError()) {
            throw new ReplyException(reply.error());
        }
        return reply.value();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
