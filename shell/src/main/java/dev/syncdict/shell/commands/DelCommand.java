package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.OpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code del PATH}: deletes a value. */
@Command(name = "del", description = "Delete the value at PATH (exit 1 when there is none). Prints nothing on success (\"OK\" to a script on standard input).")
public final class DelCommand extends OpCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = Arguments.PathArg.class, description = "What to delete.")
    Path path;

    @Mixin
    Conditions conditions;

    @Override
    public Request request() {
        return conditions.on(Request.of(Op.DEL).with(Field.PATH, path));
    }
}
