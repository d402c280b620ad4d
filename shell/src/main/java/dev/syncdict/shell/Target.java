package dev.syncdict.shell;

import dev.syncdict.protocol.WholeNumbers;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The daemon's address: {@code HOST:PORT}, {@code HOST}, {@code :PORT} or {@code [IPv6]:PORT}. */
public record Target(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7440;
    public static final String ENV = "SYNCDICT_ADDR";

    /** Parses an address; a malformed one is a {@link UsageException}. */
    public static Target parse(String text) {
        String host = text;
        int port = DEFAULT_PORT;
        int colon = text.lastIndexOf(':');
        boolean bareIpv6 = text.indexOf(':') != colon && !text.startsWith("[");
        if (colon >= 0 && !bareIpv6) {
            host = text.substring(0, colon);
            try {
                port = WholeNumbers.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UsageException("bad address '" + text + "': the port must be a number");
            }
            if (port < 1 || port > 65535) {
                throw new UsageException("bad address '" + text + "': the port must be from 1 to 65535");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Target(host.isEmpty() ? DEFAULT_HOST : host, port);
    }

    /** Whether the address is on this machine, where the shell may start a daemon itself. */
    public boolean isLocal() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
