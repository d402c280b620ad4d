package dev.syncdict.daemon;

import dev.syncdict.protocol.Token;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The token handshakes are checked against, and the connections that proved it. A rotation writes
 * a new random token to the token file (clients read it on their next connect) and, after a grace
 * period, closes every connection that proved an older one. Thread-safe: handshakes run on the
 * event loops, rotations on the owner's thread.
 */
final class TokenKeeper {

    /** How long connections on the old token go on when a rotation names no grace period. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(TokenKeeper.class.getName());

    private final Path file;
    private final ChannelGroup authenticated = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Token current;

    /** @param file the token file, which rotation rewrites; null when the token came from elsewhere */
    TokenKeeper(Token token, Path file) {
        this.current = token;
        this.file = file;
    }

    Token current() {
        return current;
    }

    /** A connection proved the current token; a closed one leaves the group by itself. */
    void authenticated(Channel channel) {
        authenticated.add(channel);
    }

    /** Writes a new token, then closes every connection on an older one after {@code grace}. */
    void rotate(Duration grace) throws IOException {
        if (file == null) {
            throw new IOException("the token came from $" + Token.ENV + ", not a file: set a new one there and restart the daemon");
        }
        current = Token.replace(file);
        List<Channel> before = List.copyOf(authenticated);
        before.forEach(authenticated::remove);
        LOG.info("token rotated; " + before.size() + " connections on the old one end in " + grace.toMillis() + " ms");
        GlobalEventExecutor.INSTANCE.schedule(() -> before.forEach(Channel::close), grace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
