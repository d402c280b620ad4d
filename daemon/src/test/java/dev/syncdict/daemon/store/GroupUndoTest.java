package dev.syncdict.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Codec;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A group of several committed writes undone together (a listener refused the group: the log could
 * not record it) leaves the tree, its stamps, the revision and the byte count exactly as they were
 * before the group. Undoing the writes in the wrong order, or forgetting the root's stamp, fails
 * it; the single-write model tests could not tell the order.
 */
class GroupUndoTest {

    private static final String[] PATHS = {"a", "b", "a.x", "a.y", "c.d.e", "arr", "arr[0]", "arr[-1]", "arr[1]", "n"};
    private static final String[] VALUES = {"1", "\"s\"", "{\"x\":1}", "{\"x\":{\"z\":2}}", "[1,2]", "[]", "{}", "null", "2.5", "\"" + "long ".repeat(60) + "\""};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void groupsOfSeveralWritesUndoneTogetherLeaveNoTrace(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Dictionary dictionary = new Dictionary(true);
        TreeStore store = new TreeStore(dictionary);
        int undone = 0;
        int multi = 0;
        for (int group = 0; group < 4000; group++) {
            FrozenNode before = dictionary.freeze();
            long revision = dictionary.revision();
            long bytes = dictionary.bytes();
            int commits = 0;
            for (int i = 1 + random.nextInt(5); i > 0; i--) {
                if (store.apply(Codec.decodeRequest(request(random))).commit() != null) {
                    commits++;
                }
            }
            if (random.nextInt(3) == 0) {
                store.undoUnsettled();
                undone++;
                if (commits > 1) {
                    multi++;
                }
                assertThat(dictionary.revision()).as("group %d revision", group).isEqualTo(revision);
                assertThat(dictionary.freeze()).as("group %d tree", group).isEqualTo(before);
                assertThat(dictionary.bytes()).as("group %d bytes", group).isEqualTo(bytes);
            } else {
                store.settle();
            }
        }
        // The point is groups of several commits: about a third of the undone ones are.
        assertThat(multi).as("undone groups with several commits, of %d", undone).isGreaterThan(100);
    }

    private static String request(SplittableRandom random) {
        return request(random, true);
    }

    private static String request(SplittableRandom random, boolean mayTx) {
        String path = PATHS[random.nextInt(PATHS.length)];
        switch (random.nextInt(mayTx ? 6 : 4)) {
            case 0:
                return "{\"op\":\"set\",\"path\":\"" + path + "\",\"value\":" + VALUES[random.nextInt(VALUES.length)] + "}";
            case 1:
                return "{\"op\":\"incr\",\"path\":\"" + path + "\",\"by\":" + (random.nextBoolean() ? "1" : "0.5") + "}";
            case 2:
                return "{\"op\":\"del\",\"path\":\"" + path + "\"}";
            case 3:
                return "{\"op\":\"load\",\"path\":\"" + path + "\",\"value\":" + VALUES[random.nextInt(VALUES.length)] + ",\"merge\":" + random.nextBoolean() + "}";
            case 4:
                return "{\"op\":\"tx\",\"ops\":[" + request(random, false) + "," + request(random, false) + "]}";
            default:
                return "{\"op\":\"set\",\"path\":\"" + path + "\",\"value\":1,\"if_absent\":true}";
        }
    }
}
