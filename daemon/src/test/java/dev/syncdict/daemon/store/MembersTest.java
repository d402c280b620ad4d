package dev.syncdict.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An object's members against a {@code TreeMap<String,Node>}, the structure they replace: random
 * adds, removes, lookups and listings from a key, enough of them to split, fill and empty many
 * chunks and to grow the hash index, with keys that pack (ASCII, Latin-1) and keys that do not
 * (Greek, a surrogate pair, a char above the surrogates), whose order must stay the String's.
 */
class MembersTest {

    private static final String[] PIECES = {"a", "b", "key:", "z", "é", "ÿ", "Ω", "\uD83D\uDE00", "\uFFFD", "0", "9", ""};

    private static String randomKey(SplittableRandom random) {
        StringBuilder key = new StringBuilder();
        int pieces = 1 + random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            key.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextBoolean()) {
            key.append(random.nextInt(3000));
        }
        return key.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void behavesAsASortedMap(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Members members = new Members();
        TreeMap<String, Node> model = new TreeMap<>();
        // Grow to a few thousand members, then shrink to a few: splits first, emptied chunks after.
        for (int step = 0; step < 40_000; step++) {
            boolean growing = step < 25_000;
            String key = randomKey(random);
            int action = random.nextInt(10);
            if (action < (growing ? 5 : 2)) {
                if (!model.containsKey(key)) {
                    Node node = Node.of(key, step, 0);
                    members.add(node);
                    model.put(key, node);
                }
            } else if (action < 7) {
                assertThat(members.remove(key)).isSameAs(model.remove(key));
            } else if (action < 9) {
                assertThat(members.get(key)).isSameAs(model.get(key));
            } else {
                boolean inclusive = random.nextBoolean();
                assertThat(firstFew(members.from(key, inclusive))).isEqualTo(firstFew(model.tailMap(key, inclusive)));
            }
            assertThat(members.size()).isEqualTo(model.size());
        }
        assertThat(firstFew(members.iterator(), Integer.MAX_VALUE)).isEqualTo(new ArrayList<>(model.values()));
        for (String key : new ArrayList<>(model.keySet())) {
            assertThat(members.remove(key)).isSameAs(model.remove(key));
        }
        assertThat(members.iterator().hasNext()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void keysAddedInOrderOrInReverseAreAllFound(boolean ascending) {
        Members members = new Members();
        TreeMap<String, Node> model = new TreeMap<>();
        for (int i = 0; i < 10 * KeyOrder.CHUNK; i++) {
            String key = String.format("key:%05d", ascending ? i : 10 * KeyOrder.CHUNK - i);
            Node node = Node.of(key, i, 0);
            members.add(node);
            model.put(key, node);
        }
        assertThat(firstFew(members.iterator(), Integer.MAX_VALUE)).isEqualTo(new ArrayList<>(model.values()));
        for (Map.Entry<String, Node> entry : model.entrySet()) {
            assertThat(members.get(entry.getKey())).isSameAs(entry.getValue());
        }
    }

    /** "Aa" and "BB" have the same hash, so any string of them has one of its length: one long probe run. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void keysOfOneHashAreFoundAfterAnyRemoval(long seed) {
        List<String> sameHash = new ArrayList<>();
        for (int bits = 0; bits < 64; bits++) {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                key.append((bits >> i & 1) == 0 ? "Aa" : "BB");
            }
            sameHash.add(key.toString());
        }
        assertThat(sameHash.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
        SplittableRandom random = new SplittableRandom(seed);
        Members members = new Members();
        TreeMap<String, Node> model = new TreeMap<>();
        for (int step = 0; step < 2000; step++) {
            String key = random.nextInt(4) == 0 ? "other" + random.nextInt(40) : sameHash.get(random.nextInt(sameHash.size()));
            if (model.containsKey(key)) {
                assertThat(members.remove(key)).isSameAs(model.remove(key));
            } else {
                Node node = Node.of(key, step, 0);
                members.add(node);
                model.put(key, node);
            }
            for (String probe : sameHash) {
                assertThat(members.get(probe)).isSameAs(model.get(probe));
            }
        }
    }

    private static List<Node> firstFew(Map<String, Node> tail) {
        return firstFew(tail.values().iterator(), 20);
    }

    private static List<Node> firstFew(Iterator<Node> nodes) {
        return firstFew(nodes, 20);
    }

    private static List<Node> firstFew(Iterator<Node> nodes, int limit) {
        List<Node> listed = new ArrayList<>();
        while (nodes.hasNext() && listed.size() < limit) {
            listed.add(nodes.next());
        }
        return listed;
    }
}
