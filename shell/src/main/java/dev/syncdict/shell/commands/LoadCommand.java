package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.JsonException;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.OpCommand;
import dev.syncdict.shell.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code load FILE}: replaces the dictionary (or a path) with a JSON file, or merges it in. */
@Command(name = "load", description = {
    "Replace the whole dictionary with the JSON object in FILE ('-' for standard input), atomically.",
    "With --merge, objects are merged key by key, recursively; with --at, only PATH is replaced or merged."})
public final class LoadCommand extends OpCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "A JSON file, or - for standard input.")
    String file;

    @Option(names = "--merge", description = "Merge into what is there instead of replacing it.")
    boolean merge;

    @Option(names = "--at", paramLabel = "PATH", converter = Arguments.PathArg.class, description = "Load at PATH (default: .).")
    Path at;

    private Object loaded;

    @Override
    public void prepare() {
        String text = Inputs.read(file, spec);
        try {
            loaded = Json.parse(text);
        } catch (JsonException e) {
            throw new UsageException(Inputs.describe(file) + " is not valid JSON: " + e.getMessage());
        }
    }

    @Override
    public Request request() {
        return Request.of(Op.LOAD).with(Field.VALUE, loaded).with(Field.PATH, at).with(Field.MERGE, merge ? Boolean.TRUE : null);
    }
}
