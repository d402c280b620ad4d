package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Recent paths are parsed once and shared; a path sharing a slot with another is still the path its text names. */
class RecentPathsTest {

    @Test
    void aRepeatedPathIsTheSameObject() {
        Path first = RecentPaths.parse("users.ada.visits");
        assertThat(RecentPaths.parse("users.ada.visits")).isSameAs(first).isEqualTo(Path.parse("users.ada.visits"));
    }

    @Test
    void pathsThatShareASlotEachGetTheirOwn() {
        // "Aa" and "BB" have the same hash, so they take the same slot in turn.
        assertThat(RecentPaths.parse("Aa")).isEqualTo(Path.parse("Aa"));
        assertThat(RecentPaths.parse("BB")).isEqualTo(Path.parse("BB"));
        assertThat(RecentPaths.parse("Aa")).isEqualTo(Path.parse("Aa"));
    }

    @Test
    void aRequestWithABadPathIsStillRefused() {
        assertThatThrownBy(() -> RecentPaths.parse("a..b")).isInstanceOf(PathException.class);
        assertThatThrownBy(() -> RecentPaths.parse("a..b")).isInstanceOf(PathException.class);
    }

    @Test
    void decodedRequestsShareTheirPath() {
        Request first = Codec.decodeRequest("{\"op\":\"incr\",\"path\":\"hits\"}");
        Request second = Codec.decodeRequest("{\"op\":\"incr\",\"path\":\"hits\",\"by\":2}");
        assertThat(second.path()).isSameAs(first.path());
    }
}
