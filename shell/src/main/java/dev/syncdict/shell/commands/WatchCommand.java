package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Path;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.SyncdictCommand;
import dev.syncdict.shell.Watching;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code watch [PATH]}: prints every change at or below a path as it happens, until Ctrl+C. */
@Command(name = "watch", description = {
    "Print every change at or below PATH (default: everything) as it happens, in revision order, until Ctrl+C.",
    "On a pipe each change is one JSON line: {\"rev\":..,\"kind\":\"set|del|incr|load\",\"path\":..,\"value\":..}."
            + " When the daemon goes away the watch waits for it and resumes after the last revision printed."})
public final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", converter = Arguments.PathArg.class,
            description = "What to watch (default: .).")
    Path path = Path.ROOT;

    @Option(names = "--from", paramLabel = "REV", converter = Arguments.RevisionArg.class,
            description = "Start with the changes after revision REV (to resume), as far as the daemon's history reaches.")
    Long from;

    @Option(names = "--prev", description = "Show each change's previous value too.")
    boolean prev;

    @Option(names = "--snapshot", description = "First print the current value (kind \"snapshot\"), then every change after it: nothing falls in between.")
    boolean snapshot;

    @Option(names = "--every", paramLabel = "DURATION", converter = Arguments.DurationArg.class,
            description = "Print at most one change per path every DURATION (500ms, 1s): the latest, for dashboards over busy keys.")
    Duration every;

    @Override
    public Integer call() {
        SyncdictCommand root = (SyncdictCommand) spec.root().userObject();
        return new Watching(root.session(), path, from, prev, snapshot, every).run();
    }
}
