package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.OpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dump [PATH]}: prints the whole dictionary, or one subtree. */
@Command(name = "dump", description = "Print the whole dictionary, or the value at PATH, as JSON (load reads it back).")
public final class DumpCommand extends OpCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", converter = Arguments.PathArg.class,
            description = "What to print (default: .).")
    Path path;

    @Override
    public Request request() {
        return Request.of(Op.DUMP).with(Field.PATH, path);
    }
}
