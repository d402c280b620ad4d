package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Op;
import picocli.CommandLine.Command;

/** {@code info}: Describe the daemon: version, pid, uptime, revision, keys, clients, memory. */
@Command(name = "info", description = "Describe the daemon: version, pid, uptime, revision, keys, clients, memory.")
public final class InfoCommand extends BareOpCommand {

    public InfoCommand() {
        super(Op.INFO);
    }
}
