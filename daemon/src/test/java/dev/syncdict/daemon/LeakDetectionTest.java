package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon runs without Netty's leak detector unless its level is set, as the daemon's tests set it. */
class LeakDetectionTest {

    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(before);
    }

    @Test
    void offUnlessALevelIsSet() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        Daemon.leakDetection(null);
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void aLevelSetIsKept() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Daemon.leakDetection("paranoid");
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void theDaemonsTestsKeepItOn() throws Exception {
        Class.forName(Daemon.class.getName());
        assertThat(System.getProperty("io.netty.leakDetection.level")).isEqualTo("simple");
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.SIMPLE);
    }
}
