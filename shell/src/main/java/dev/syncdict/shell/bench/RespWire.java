package dev.syncdict.shell.bench;

import dev.syncdict.shell.Target;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Redis's protocol (RESP2) for the load generator: GET, SET, and INCR (or INCRBY, or INCRBYFLOAT
 * when the amount is not a whole number). Each command's bytes before the key are made once.
 */
final class RespWire implements Wire {

    private static final byte[] CRLF = {'\r', '\n'};

    private final SocketAddress address;
    private final Map<Operation, byte[]> heads = new EnumMap<>(Operation.class);
    /** What follows the key: CRLF, then the value or the amount as a bulk string, if any. */
    private final Map<Operation, byte[]> tails = new EnumMap<>(Operation.class);
    private final int maxRequestBytes;

    RespWire(SocketAddress address, int valueSize, BigDecimal by) {
        this.address = address;
        String amount = by.stripTrailingZeros().toPlainString();
        boolean whole = by.stripTrailingZeros().scale() <= 0;
        String incr = BigDecimal.ONE.compareTo(by) == 0 ? "INCR" : whole ? "INCRBY" : "INCRBYFLOAT";
        heads.put(Operation.GET, head(2, "GET"));
        tails.put(Operation.GET, CRLF);
        heads.put(Operation.SET, head(3, "SET"));
        tails.put(Operation.SET, ("\r\n" + bulk("x".repeat(valueSize))).getBytes(StandardCharsets.US_ASCII));
        boolean plainIncr = incr.equals("INCR");
        heads.put(Operation.INCR, head(plainIncr ? 2 : 3, incr));
        tails.put(Operation.INCR, ("\r\n" + (plainIncr ? "" : bulk(amount))).getBytes(StandardCharsets.US_ASCII));
        int longest = 0;
        for (Operation operation : Operation.values()) {
            longest = Math.max(longest, heads.get(operation).length + tails.get(operation).length
                    + 2 * Ascii.digits(Long.MAX_VALUE) + operation.keyPrefix().length() + 4);
        }
        maxRequestBytes = longest;
    }

    /** The array header and the command's name, up to the key's length. */
    private static byte[] head(int words, String command) {
        return ("*" + words + "\r\n" + bulk(command) + "$").getBytes(StandardCharsets.US_ASCII);
    }

    private static String bulk(String text) {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }

    /** A TCP address as HOST:PORT (the port defaults to 6379), or a Unix socket as its absolute path. */
    static SocketAddress address(String text) {
        if (text.startsWith("/")) {
            return UnixDomainSocketAddress.of(text);
        }
        Target target = Target.parse(text.contains(":") ? text : text + ":6379");
        return new InetSocketAddress(target.host(), target.port());
    }

    @Override
    public SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        if (address instanceof InetSocketAddress) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        return channel;
    }

    /** Redis's process id, from {@code INFO server}. */
    long processId() throws IOException {
        try (SocketChannel channel = open()) {
            channel.write(ByteBuffer.wrap("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n".getBytes(StandardCharsets.US_ASCII)));
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            StringBuilder header = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("redis closed the connection before answering INFO");
                }
                header.append((char) b);
            }
            if (header.charAt(0) != '$') {
                throw new IOException("redis refused INFO: " + header.toString().strip());
            }
            byte[] body = new byte[Integer.parseInt(header.substring(1).strip())];
            in.readFully(body);
            for (String line : new String(body, StandardCharsets.UTF_8).split("\r\n")) {
                if (line.startsWith("process_id:")) {
                    return Long.parseLong(line.substring("process_id:".length()));
                }
            }
            throw new IOException("redis's INFO server names no process_id");
        }
    }

    @Override
    public void write(Operation operation, long key, ByteBuffer out) {
        out.put(heads.get(operation));
        Ascii.write(out, operation.keyPrefix().length() + Ascii.digits(key));
        out.put(CRLF);
        for (int i = 0; i < operation.keyPrefix().length(); i++) {
            out.put((byte) operation.keyPrefix().charAt(i));
        }
        Ascii.write(out, key);
        out.put(tails.get(operation));
    }

    @Override
    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    @Override
    public ReplyScanner scanner() {
        return new RespScanner();
    }

    @Override
    public String server() {
        return "redis";
    }
}
