package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Op;
import picocli.CommandLine.Command;

/** {@code shutdown}: Stop the daemon cleanly. */
@Command(name = "shutdown", description = "Stop the daemon cleanly.")
public final class ShutdownCommand extends BareOpCommand {

    public ShutdownCommand() {
        super(Op.SHUTDOWN);
    }
}
