package dev.syncdict.bench;

import dev.syncdict.shell.ShellIo;
import dev.syncdict.shell.SyncdictCommand;
import dev.syncdict.shell.complete.Completer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Presses Tab, as the REPL does, on a key path below an object with many keys, and reports the
 * median and 90th percentile: {@code CompletionLatency PARENT PRESSES} against $SYNCDICT_ADDR.
 */
public final class CompletionLatency {

    private CompletionLatency() {}

    public static void main(String[] args) {
        String parent = args[0];
        int presses = Integer.parseInt(args[1]);
        SyncdictCommand root = new SyncdictCommand(ShellIo.system());
        Completer completer = new Completer(SyncdictCommand.commandLine(root).getCommandSpec(), root.session().keys());
        long[] nanos = new long[presses];
        int candidates = 0;
        // As many presses again first, so the figures are a warm REPL's, not a cold JVM's.
        for (int i = -presses; i < presses; i++) {
            String typed = parent + ".k0" + ThreadLocalRandom.current().nextInt(10);
            long start = System.nanoTime();
            candidates = completer.complete(List.of("get"), typed).size();
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%d presses of Tab on 'get %s.k0N': median %.2f ms, p90 %.2f ms (%d candidates each)%n", presses,
                parent, nanos[presses / 2] / 1e6, nanos[presses * 9 / 10] / 1e6, candidates);
        root.close();
    }
}
