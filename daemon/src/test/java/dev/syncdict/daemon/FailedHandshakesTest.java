package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailedHandshakesTest {

    @Test
    void theDelayDoublesPerFailureUpToItsCapAndTheRightTokenResetsIt() throws Exception {
        FailedHandshakes failures = new FailedHandshakes();
        InetAddress guesser = InetAddress.getByName("192.0.2.7");
        InetAddress other = InetAddress.getByName("192.0.2.8");
        assertThat(failures.failed(guesser)).isEqualTo(Duration.ofMillis(100));
        assertThat(failures.failed(guesser)).isEqualTo(Duration.ofMillis(200));
        assertThat(failures.failed(guesser)).isEqualTo(Duration.ofMillis(400));
        assertThat(failures.failed(other)).as("another address starts afresh").isEqualTo(Duration.ofMillis(100));
        for (int i = 0; i < 40; i++) {
            failures.failed(guesser);
        }
        assertThat(failures.failed(guesser)).isEqualTo(FailedHandshakes.MAX_DELAY);
        failures.succeeded(guesser);
        assertThat(failures.failed(guesser)).isEqualTo(FailedHandshakes.FIRST_DELAY);
    }
}
