package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.OpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code del PATH}: deletes a value. */
@Command(name = "del", description = "Delete the value at PATH (exit 1 when there is none). Prints nothing on success.")
public final class DelCommand extends OpCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = Arguments.PathArg.class, description = "What to delete.")
    Path path;

    @Option(names = "--if-value", paramLabel = "JSON", converter = Arguments.ValueArg.class,
            description = "Only if PATH holds this value now.")
    Object ifValue;

    @Option(names = "--if-rev", paramLabel = "REV", description = "Only if the last write at or below PATH has revision REV.")
    Long ifRev;

    @Override
    public Request request() {
        return Request.of(Op.DEL).with(Field.PATH, path).with(Field.IF_VALUE, ifValue).with(Field.IF_REV, ifRev);
    }
}
