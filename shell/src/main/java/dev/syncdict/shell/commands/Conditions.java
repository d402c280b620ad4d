package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import picocli.CommandLine.Option;

/** The conditions a write can be made to depend on: {@code --if-value} and {@code --if-rev}. */
final class Conditions {

    @Option(names = "--if-value", paramLabel = "JSON", converter = Arguments.ValueArg.class,
            description = "Only if PATH holds this value now.")
    Object ifValue;

    @Option(names = "--if-rev", paramLabel = "REV", converter = Arguments.RevisionArg.class,
            description = "Only if the last write at or below PATH has revision REV (0: PATH has no value).")
    Long ifRev;

    /** The request with whichever conditions were given. */
    Request on(Request request) {
        return request.with(Field.IF_VALUE, ifValue).with(Field.IF_REV, ifRev);
    }
}
