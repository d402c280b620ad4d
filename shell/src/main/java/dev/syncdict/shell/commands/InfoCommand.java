package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import dev.syncdict.shell.Printer;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code info}: Describe the daemon: version, pid, uptime, revision, keys, clients, memory. */
@Command(name = "info", description = "Describe the daemon: version, pid, uptime, revision, keys, clients, memory.")
public final class InfoCommand extends BareOpCommand {

    public InfoCommand() {
        super(Op.INFO);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void render(Reply reply, Printer printer) {
        printer.info((Map<String, Object>) reply.value());
    }
}
