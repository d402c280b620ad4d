package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.daemon.store.Change;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The ring of recent commits: kept in order as it grows, the oldest dropped first by count and by encoded bytes. */
class CommitHistoryTest {

    private static Commit commit(long revision, Object value) {
        return new Commit(revision, List.of(new Change(Change.Kind.SET, Path.key("k"), value, null)));
    }

    private static List<Long> revisionsAfter(CommitHistory history, long from) {
        List<Long> revisions = new ArrayList<>();
        history.after(from, commit -> revisions.add(commit.revision()));
        return revisions;
    }

    @Test
    void growsPastItsFirstSlotsKeepingEveryCommitInOrder() {
        CommitHistory history = new CommitHistory(5000, Long.MAX_VALUE, 0);
        for (long revision = 1; revision <= 3000; revision++) {
            history.add(commit(revision, BigDecimal.ONE));
        }
        assertThat(revisionsAfter(history, 0)).containsExactlyElementsOf(LongStream.rangeClosed(1, 3000).boxed().toList());
        assertThat(history.droppedThrough()).isZero();
    }

    @Test
    void dropsTheOldestPastItsCountAfterWrappingAround() {
        CommitHistory history = new CommitHistory(100, Long.MAX_VALUE, 7);
        for (long revision = 8; revision <= 357; revision++) {
            history.add(commit(revision, BigDecimal.ONE));
        }
        assertThat(history.droppedThrough()).isEqualTo(257);
        assertThat(revisionsAfter(history, 300)).containsExactlyElementsOf(LongStream.rangeClosed(301, 357).boxed().toList());
        assertThat(revisionsAfter(history, 0)).hasSize(100).startsWith(258L).endsWith(357L);
    }

    @Test
    void dropsTheOldestPastItsBytesAndHoldsNoMoreThanThem() {
        // Each commit below encodes to 12 bytes (count 1, kind 1, path 1 + 3 for the key "k", a 3-char string 5, no old value 1).
        CommitHistory history = new CommitHistory(1000, 100, 0);
        for (long revision = 1; revision <= 500; revision++) {
            history.add(commit(revision, String.format("%03d", revision % 1000)));
        }
        // 100 bytes hold 8 such commits; the ring never grew past its bound.
        assertThat(revisionsAfter(history, 0)).containsExactlyElementsOf(LongStream.rangeClosed(493, 500).boxed().toList());
        assertThat(history.droppedThrough()).isEqualTo(492);
        assertThat(history.heldBytes()).isLessThanOrEqualTo(100 + 12L * 1000);
    }

    @Test
    void keepsTheValuesOfEveryCommitAcrossTheRingsWrapAndGrowth() {
        CommitHistory history = new CommitHistory(50, 4096, 0);
        for (long revision = 1; revision <= 3000; revision++) {
            // Sizes vary, so commits straddle the ring's end at every offset.
            history.add(commit(revision, "v".repeat((int) (revision % 37)) + revision));
        }
        List<Object> values = new ArrayList<>();
        history.after(0, commit -> values.add(commit.changes().get(0).value()));
        assertThat(values).containsExactlyElementsOf(LongStream.rangeClosed(2951, 3000)
                .mapToObj(revision -> "v".repeat((int) (revision % 37)) + revision).toList());
    }

    @Test
    void aCommitLongerThanTheBoundIsNotKeptAndTheHistoryStartsAfterIt() {
        CommitHistory history = new CommitHistory(100, 1000, 0);
        history.add(commit(1, "small"));
        history.add(commit(2, "small"));
        assertThat(history.droppedThrough()).isZero();
        history.add(commit(3, "x".repeat(5000)));
        assertThat(revisionsAfter(history, 0)).isEmpty();
        assertThat(history.droppedThrough()).isEqualTo(3);
        history.add(commit(4, "small"));
        assertThat(revisionsAfter(history, 3)).containsExactly(4L);
        assertThat(history.heldBytes()).isLessThanOrEqualTo(1000 + 12L * 100);
    }

    @Test
    void stopsHandingOutCommitsWhenTheTakerSaysSo() {
        CommitHistory history = new CommitHistory(10, Long.MAX_VALUE, 0);
        for (long revision = 1; revision <= 5; revision++) {
            history.add(commit(revision, BigDecimal.ONE));
        }
        List<Long> taken = new ArrayList<>();
        boolean all = history.after(1, commit -> taken.add(commit.revision()) && commit.revision() < 3);
        assertThat(all).isFalse();
        assertThat(taken).containsExactly(2L, 3L);
        assertThat(history.after(1, commit -> true)).isTrue();
    }
}
