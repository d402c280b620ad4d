package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Op;
import picocli.CommandLine.Command;

/** {@code ping}: Check that the daemon answers (prints "pong"). */
@Command(name = "ping", description = "Check that the daemon answers (prints \"pong\").")
public final class PingCommand extends BareOpCommand {

    public PingCommand() {
        super(Op.PING);
    }
}
