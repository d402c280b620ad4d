package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

/**
 * The checked-in completion script is what the current commands generate. After changing a
 * command, regenerate it with:
 * {@code mvn -pl shell -am test -Dtest=GeneratedArtifactsTest -Dsurefire.failIfNoSpecifiedTests=false -Dsyncdict.regenerate=true}
 */
class GeneratedArtifactsTest {

    private static final Path BASH = Path.of("../completion/syncdict.bash");

    @Test
    void bashCompletionMatchesTheCommands() throws Exception {
        String header = "# Generated from the syncdict command model by GeneratedArtifactsTest; do not edit.\n"
                + "# bash: source this file; zsh: autoload -U +X bashcompinit && bashcompinit, then source it.\n";
        String generated = header + AutoComplete.bash("syncdict",
                SyncdictCommand.commandLine(new SyncdictCommand(ShellIo.system())));
        if (Boolean.getBoolean("syncdict.regenerate")) {
            Files.createDirectories(BASH.getParent());
            Files.writeString(BASH, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(BASH, StandardCharsets.UTF_8))
                .as("completion/syncdict.bash is stale; regenerate it (see this test's Javadoc)")
                .isEqualTo(generated);
    }
}
