package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.OpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code get PATH}: prints the value at a path. */
@Command(name = "get", description = "Print the value at PATH (exit 1 when there is none).")
public final class GetCommand extends OpCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = Arguments.PathArg.class,
            description = "Where to read: a, a.b, a.b[2], '.\"odd.key\"', or . for everything.")
    Path path;

    @Override
    public Request request() {
        return Request.of(Op.GET).with(Field.PATH, path);
    }
}
