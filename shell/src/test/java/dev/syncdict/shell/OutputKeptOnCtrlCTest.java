package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputKeptOnCtrlCTest {

    @Test
    void aProcessIsInTheForegroundWhenItsGroupIsItsTerminalsForegroundGroup() {
        // The command name may hold spaces and parentheses; the fields after its last ')' count.
        assertThat(OutputKeptOnCtrlC.inForeground("4242 (java (x) y) S 100 4242 100 34816 4242 4194304 12 0")).isTrue();
        // A background job: the terminal's foreground group is the shell's, 100.
        assertThat(OutputKeptOnCtrlC.inForeground("4242 (java) S 100 4242 100 34816 100 4194304 12 0")).isFalse();
        // No terminal at all: its foreground group is -1.
        assertThat(OutputKeptOnCtrlC.inForeground("4242 (java) S 1 4242 4242 0 -1 4194304 12 0")).isFalse();
    }

    @Test
    void theFlagIsOffWhenSttyShowsItNegated() {
        String off = "speed 38400 baud; rows 40; columns 120; line = 0;\n"
                + "isig icanon iexten echo echoe echok -echonl -noflsh -xcase -tostop -echoprt\n";
        assertThat(OutputKeptOnCtrlC.flushesOnCtrlC(off)).isTrue();
        assertThat(OutputKeptOnCtrlC.flushesOnCtrlC(off.replace("-noflsh", "noflsh"))).isFalse();
        assertThat(OutputKeptOnCtrlC.flushesOnCtrlC("-noflsh -xcase\n")).isTrue();
    }
}
