package dev.syncdict.shell.commands;

import dev.syncdict.shell.SyncdictCommand;
import dev.syncdict.shell.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Reads a command's input file, where '-' means the shell's standard input. */
final class Inputs {

    private Inputs() {}

    static String read(String file, CommandSpec spec) {
        try {
            if (file.equals("-")) {
                var in = ((SyncdictCommand) spec.root().userObject()).session().io().in();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // A script may quote a file name as a JSON string: "my file.json".
            String name = file.length() > 1 && file.startsWith("\"") && file.endsWith("\"") ? file.substring(1, file.length() - 1) : file;
            return Files.readString(Path.of(name), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("cannot read " + describe(file) + ": there is no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UsageException("cannot read " + describe(file) + ": permission denied");
        } catch (IOException e) {
            throw new UsageException("cannot read " + describe(file) + ": " + e.getMessage());
        }
    }

    static String describe(String file) {
        return file.equals("-") ? "standard input" : file;
    }
}
