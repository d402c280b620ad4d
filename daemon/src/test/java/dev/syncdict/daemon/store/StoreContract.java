package dev.syncdict.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Limits;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, op by op, errors included: a second store only has to pass
 * this. Requests and replies are written as they travel on the wire, so the contract reads like
 * the protocol. Subclasses say which store; it must keep old values in its commits.
 */
abstract class StoreContract {

    private Store store;

    /** A new, empty store whose commits carry old values. */
    abstract Store newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    /** Applies a request written as JSON and returns the reply as wire JSON. */
    private String apply(String request) {
        return Codec.encode(applied(request).reply());
    }

    private Store.Applied applied(String request) {
        return store.apply(Codec.decodeRequest(request));
    }

    private String dump() {
        return apply("{\"op\":\"dump\"}");
    }

    @Test
    void aNewStoreIsAnEmptyObjectAtRevisionZero() {
        assertThat(store.revision()).isZero();
        assertThat(store.size()).isZero();
        assertThat(dump()).isEqualTo("{\"rev\":0,\"value\":{},\"mod_rev\":0}");
    }

    @Test
    void setCreatesMissingObjectsAndEveryWriteTakesTheNextRevision() {
        assertThat(apply("{\"id\":1,\"op\":\"set\",\"path\":\"a.b.c\",\"value\":1}")).isEqualTo("{\"id\":1,\"rev\":1}");
        assertThat(apply("{\"op\":\"set\",\"path\":\"a.d\",\"value\":[1,{\"x\":null}]}")).isEqualTo("{\"rev\":2}");
        assertThat(apply("{\"id\":\"g\",\"op\":\"get\",\"path\":\"a\"}"))
                .isEqualTo("{\"id\":\"g\",\"rev\":2,\"value\":{\"b\":{\"c\":1},\"d\":[1,{\"x\":null}]},\"mod_rev\":2}");
        assertThat(apply("{\"op\":\"get\",\"path\":\"a.b\"}")).isEqualTo("{\"rev\":2,\"value\":{\"c\":1},\"mod_rev\":1}");
        assertThat(store.revision()).isEqualTo(2);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void arraysAreReplacedOrAppendedByIndexAndNegativeIndexesCountFromTheEnd() {
        apply("{\"op\":\"set\",\"path\":\"l\",\"value\":[1,2]}");
        assertThat(apply("{\"op\":\"set\",\"path\":\"l[2]\",\"value\":3}")).isEqualTo("{\"rev\":2}");
        assertThat(apply("{\"op\":\"set\",\"path\":\"l[-1]\",\"value\":30}")).isEqualTo("{\"rev\":3}");
        assertThat(apply("{\"op\":\"get\",\"path\":\"l\"}")).isEqualTo("{\"rev\":3,\"value\":[1,2,30],\"mod_rev\":3}");
        assertThat(apply("{\"op\":\"set\",\"path\":\"l[5]\",\"value\":0}")).contains("\"code\":\"not_found\"")
                .contains("l has 3 elements");
        assertThat(apply("{\"op\":\"set\",\"path\":\"m[0].x\",\"value\":0}")).contains("\"code\":\"not_found\"")
                .contains("no value at m (only objects are created on the way");
        assertThat(apply("{\"op\":\"set\",\"path\":\"m[0]\",\"value\":0}")).contains("\"code\":\"not_found\"");
        assertThat(apply("{\"op\":\"get\",\"path\":\"m\"}")).contains("\"code\":\"not_found\"");
        assertThat(store.revision()).isEqualTo(3);
    }

    @Test
    void readsOfWhatIsNotThereOrOfTheWrongTypeAreErrors() {
        apply("{\"op\":\"set\",\"path\":\"s\",\"value\":\"text\"}");
        assertThat(apply("{\"id\":7,\"op\":\"get\",\"path\":\"missing\"}"))
                .isEqualTo("{\"id\":7,\"rev\":1,\"error\":{\"code\":\"not_found\",\"message\":\"no value at missing\"}}");
        assertThat(apply("{\"op\":\"get\",\"path\":\"s.x\"}"))
                .isEqualTo("{\"rev\":1,\"error\":{\"code\":\"type_mismatch\",\"message\":\"s holds a string, not an object\"}}");
        assertThat(apply("{\"op\":\"keys\",\"path\":\"s\"}")).contains("\"code\":\"type_mismatch\"");
        assertThat(apply("{\"op\":\"set\",\"path\":\".\",\"value\":1}")).contains("\"code\":\"type_mismatch\"");
    }

    @Test
    void setConditionsAreCheckedWithTheWriteAndAFailedOneChangesNothing() {
        apply("{\"op\":\"set\",\"path\":\"lock\",\"value\":\"me\"}");
        assertThat(apply("{\"op\":\"set\",\"path\":\"lock\",\"value\":\"you\",\"if_absent\":true}"))
                .isEqualTo("{\"rev\":1,\"error\":{\"code\":\"condition_failed\",\"message\":\"lock already has a value\"}}");
        assertThat(apply("{\"op\":\"set\",\"path\":\"lock\",\"value\":\"you\",\"if_value\":\"them\"}"))
                .contains("\"code\":\"condition_failed\"").contains("does not hold the expected value");
        assertThat(apply("{\"op\":\"set\",\"path\":\"lock\",\"value\":\"you\",\"if_rev\":5}"))
                .contains("lock is at revision 1, not 5");
        assertThat(apply("{\"op\":\"set\",\"path\":\"lock\",\"value\":\"you\",\"if_value\":\"me\",\"if_rev\":1}")).isEqualTo("{\"rev\":2}");
        assertThat(apply("{\"op\":\"set\",\"path\":\"new\",\"value\":1,\"if_absent\":true,\"if_rev\":0}")).isEqualTo("{\"rev\":3}");
        assertThat(apply("{\"op\":\"get\",\"path\":\"lock\"}")).isEqualTo("{\"rev\":3,\"value\":\"you\",\"mod_rev\":2}");
    }

    @Test
    void delRemovesAndMovesArrayFollowersUp() {
        apply("{\"op\":\"load\",\"value\":{\"a\":1,\"l\":[1,2,3]}}");
        assertThat(apply("{\"op\":\"del\",\"path\":\"l[0]\"}")).isEqualTo("{\"rev\":2}");
        assertThat(apply("{\"op\":\"del\",\"path\":\"a\",\"if_value\":2}")).contains("\"code\":\"condition_failed\"");
        assertThat(apply("{\"op\":\"del\",\"path\":\"a\",\"if_rev\":1}")).isEqualTo("{\"rev\":3}");
        assertThat(apply("{\"op\":\"del\",\"path\":\"a\"}")).contains("\"code\":\"not_found\"");
        assertThat(apply("{\"op\":\"del\",\"path\":\".\"}")).contains("\"code\":\"bad_request\"");
        assertThat(dump()).isEqualTo("{\"rev\":3,\"value\":{\"l\":[2,3]},\"mod_rev\":3}");
    }

    @Test
    void incrIsExactAndStartsAMissingPathAtZero() {
        assertThat(apply("{\"op\":\"incr\",\"path\":\"n\"}")).isEqualTo("{\"rev\":1,\"value\":1}");
        assertThat(apply("{\"op\":\"incr\",\"path\":\"n\",\"by\":2}")).isEqualTo("{\"rev\":2,\"value\":3}");
        for (int i = 0; i < 10; i++) {
            apply("{\"op\":\"incr\",\"path\":\"f\",\"by\":0.1}");
        }
        assertThat(apply("{\"op\":\"get\",\"path\":\"f\"}")).isEqualTo("{\"rev\":12,\"value\":1.0,\"mod_rev\":12}");
        apply("{\"op\":\"set\",\"path\":\"s\",\"value\":\"x\"}");
        assertThat(apply("{\"op\":\"incr\",\"path\":\"s\"}")).contains("\"code\":\"type_mismatch\"").contains("not a number");
    }

    @Test
    void keysPageThroughObjectsInOrderAndListArrayIndexes() {
        apply("{\"op\":\"load\",\"value\":{\"user:2\":1,\"user:1\":1,\"other\":1,\"user:3\":1,\"l\":[7,8,9]}}");
        assertThat(apply("{\"op\":\"keys\"}")).isEqualTo("{\"rev\":1,\"value\":[\"l\",\"other\",\"user:1\",\"user:2\",\"user:3\"],\"more\":false}");
        assertThat(apply("{\"op\":\"keys\",\"prefix\":\"user:\",\"limit\":2}")).isEqualTo("{\"rev\":1,\"value\":[\"user:1\",\"user:2\"],\"more\":true}");
        assertThat(apply("{\"op\":\"keys\",\"prefix\":\"user:\",\"after\":\"user:2\"}")).isEqualTo("{\"rev\":1,\"value\":[\"user:3\"],\"more\":false}");
        assertThat(apply("{\"op\":\"keys\",\"path\":\"l\",\"limit\":2}")).isEqualTo("{\"rev\":1,\"value\":[0,1],\"more\":true}");
        assertThat(apply("{\"op\":\"keys\",\"path\":\"nope\"}")).contains("\"code\":\"not_found\"");
        assertThat(apply("{\"op\":\"keys\",\"prefix\":\"o\",\"kinds\":true}"))
                .isEqualTo("{\"rev\":1,\"value\":[{\"key\":\"other\",\"kind\":\"number\"}],\"more\":false}");
        assertThat(apply("{\"op\":\"keys\",\"limit\":1,\"kinds\":true}"))
                .isEqualTo("{\"rev\":1,\"value\":[{\"key\":\"l\",\"kind\":\"array\"}],\"more\":true}");
    }

    @Test
    void loadReplacesOrMergesObjectsKeyByKey() {
        apply("{\"op\":\"set\",\"path\":\"cfg\",\"value\":{\"port\":1,\"tags\":[1],\"db\":{\"host\":\"h\"}}}");
        assertThat(apply("{\"op\":\"load\",\"path\":\"cfg\",\"merge\":true,\"value\":{\"tags\":[2],\"db\":{\"user\":\"u\"}}}"))
                .isEqualTo("{\"rev\":2}");
        assertThat(apply("{\"op\":\"get\",\"path\":\"cfg\"}"))
                .isEqualTo("{\"rev\":2,\"value\":{\"db\":{\"host\":\"h\",\"user\":\"u\"},\"port\":1,\"tags\":[2]},\"mod_rev\":2}");
        assertThat(apply("{\"op\":\"load\",\"value\":{\"fresh\":true}}")).isEqualTo("{\"rev\":3}");
        assertThat(dump()).isEqualTo("{\"rev\":3,\"value\":{\"fresh\":true},\"mod_rev\":3}");
        assertThat(apply("{\"op\":\"load\",\"value\":[]}")).contains("\"code\":\"type_mismatch\"");
    }

    @Test
    void aTxAppliesEverythingUnderOneRevisionAndSeesItsOwnWrites() {
        assertThat(apply("{\"id\":1,\"op\":\"tx\",\"ops\":[{\"op\":\"set\",\"path\":\"a\",\"value\":1},"
                + "{\"op\":\"incr\",\"path\":\"a\",\"by\":2},{\"op\":\"get\",\"path\":\"a\"},{\"op\":\"keys\"}]}"))
                .isEqualTo("{\"id\":1,\"rev\":1,\"results\":[{\"rev\":1},{\"rev\":1,\"value\":3},{\"rev\":1,\"value\":3,\"mod_rev\":1},"
                        + "{\"rev\":1,\"value\":[\"a\"],\"more\":false}]}");
        assertThat(apply("{\"op\":\"tx\",\"ops\":[{\"op\":\"get\",\"path\":\"a\"}]}"))
                .isEqualTo("{\"rev\":1,\"results\":[{\"rev\":1,\"value\":3,\"mod_rev\":1}]}");
        assertThat(store.revision()).isEqualTo(1);
    }

    @Test
    void aTxThatFailsAnywhereChangesNothingAndNamesTheOp() {
        apply("{\"op\":\"set\",\"path\":\"s\",\"value\":\"x\"}");
        String before = dump();
        assertThat(apply("{\"op\":\"tx\",\"ops\":[{\"op\":\"set\",\"path\":\"a\",\"value\":1},{\"op\":\"del\",\"path\":\"s\"},"
                + "{\"op\":\"get\",\"path\":\"s\"}]}"))
                .isEqualTo("{\"rev\":1,\"error\":{\"code\":\"not_found\",\"message\":\"op 2: no value at s\",\"index\":2}}");
        assertThat(dump()).isEqualTo(before);
        assertThat(apply("{\"op\":\"set\",\"path\":\"b\",\"value\":1}")).isEqualTo("{\"rev\":2}");
    }

    @Test
    void everyWriteReportsWhatItChangedAndReadsReportNothing() {
        Store.Applied set = applied("{\"op\":\"set\",\"path\":\"a\",\"value\":{\"x\":1}}");
        assertThat(set.commit()).isEqualTo(new Commit(1, List.of(
                new Change(Change.Kind.SET, Path.parse("a"), Json.parse("{\"x\":1}"), null))));
        Store.Applied tx = applied("{\"op\":\"tx\",\"ops\":[{\"op\":\"incr\",\"path\":\"a.x\",\"by\":2},"
                + "{\"op\":\"del\",\"path\":\"a.x\"},{\"op\":\"load\",\"path\":\"a\",\"merge\":true,\"value\":{\"y\":true}}]}");
        assertThat(tx.commit()).isEqualTo(new Commit(2, List.of(
                new Change(Change.Kind.INCR, Path.parse("a.x"), new BigDecimal(3), BigDecimal.ONE),
                new Change(Change.Kind.DELETE, Path.parse("a.x"), null, new BigDecimal(3)),
                new Change(Change.Kind.LOAD, Path.parse("a.y"), Boolean.TRUE, null))));
        assertThat(applied("{\"op\":\"get\",\"path\":\"a\"}").commit()).isNull();
        assertThat(applied("{\"op\":\"del\",\"path\":\"gone\"}").commit()).isNull();
        assertThat(applied("{\"op\":\"tx\",\"ops\":[{\"op\":\"get\",\"path\":\"a\"}]}").commit()).isNull();
    }

    @Test
    void writesPastTheDepthLimitAreTooDeepAndWritesAtItReadBack() {
        String path = "a" + ".a".repeat(Limits.DEPTH - 2);
        assertThat(apply("{\"op\":\"set\",\"path\":\"" + path + "\",\"value\":[]}")).isEqualTo("{\"rev\":1}");
        assertThat(Json.depth(((Reply) Codec.decodeReply(dump())).value())).isEqualTo(Limits.DEPTH);
        assertThat(apply("{\"op\":\"set\",\"path\":\"" + path + "\",\"value\":[[]]}"))
                .contains("\"code\":\"too_deep\"").contains("the limit is " + Limits.DEPTH);
    }

    @Test
    void sumsPastTheNumberLimitsAreOutOfRangeAndChangeNothing() {
        apply("{\"op\":\"set\",\"path\":\"big\",\"value\":1e500}");
        assertThat(apply("{\"op\":\"incr\",\"path\":\"big\",\"by\":1e-500}")).contains("\"code\":\"out_of_range\"");
        apply("{\"op\":\"set\",\"path\":\"huge\",\"value\":9e" + Limits.NUMBER_EXPONENT + "}");
        assertThat(apply("{\"op\":\"incr\",\"path\":\"huge\",\"by\":9e" + Limits.NUMBER_EXPONENT + "}")).contains("\"code\":\"out_of_range\"");
        assertThat(apply("{\"op\":\"get\",\"path\":\"big\"}")).isEqualTo("{\"rev\":2,\"value\":1E+500,\"mod_rev\":1}");
        assertThat(store.revision()).isEqualTo(2);
    }

    @Test
    void nonDictionaryOpsAreNotTheStoresToAnswer() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> applied("{\"op\":\"ping\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
