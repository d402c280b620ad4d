package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The beat of an {@code every} loop on a clock the test moves by hand. */
class CadenceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void runsStartOneIntervalApartHoweverLongEachTook() {
        Cadence cadence = new Cadence(SECOND, 0);
        assertThat(cadence.waitBeforeNextRun(0)).isZero();
        // The first run took 0.3 s: the second still starts at 1 s.
        assertThat(cadence.waitBeforeNextRun(SECOND * 3 / 10)).isEqualTo(SECOND * 7 / 10);
        // The second took 1.4 s: the third, due at 2 s, is late by less than an interval and starts at once...
        assertThat(cadence.waitBeforeNextRun(SECOND * 24 / 10)).isZero();
        // ...and the fourth is back on the beat, at 3 s.
        assertThat(cadence.waitBeforeNextRun(SECOND * 25 / 10)).isEqualTo(SECOND / 2);
    }

    @Test
    void aRunLateByAWholeIntervalRestartsTheBeatInsteadOfABurst() {
        Cadence cadence = new Cadence(SECOND / 5, 0);
        assertThat(cadence.waitBeforeNextRun(0)).isZero();
        // The first run took 1.6 s (a daemon starting): one run now, not the eight it missed.
        long late = SECOND * 8 / 5;
        assertThat(cadence.waitBeforeNextRun(late)).isZero();
        assertThat(cadence.waitBeforeNextRun(late + SECOND / 100)).isEqualTo(SECOND / 5 - SECOND / 100);
    }

    @Test
    void withoutAnIntervalRunsFollowBackToBack() {
        Cadence cadence = new Cadence(0, 0);
        assertThat(cadence.waitBeforeNextRun(0)).isZero();
        assertThat(cadence.waitBeforeNextRun(5)).isZero();
    }
}
