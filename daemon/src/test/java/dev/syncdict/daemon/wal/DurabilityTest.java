package dev.syncdict.daemon.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.store.Commit;
import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.FrozenNode;
import dev.syncdict.daemon.store.Store;
import dev.syncdict.daemon.store.TreeStore;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log and snapshots on their own, without the network: what recovery brings back (values and
 * every node's mod_rev), torn and damaged logs, the lock, compaction and a failing disk.
 */
class DurabilityTest {

    /** Writes that exercise every kind of change: nested sets, array appends and deletes at both ends, incr, loads, tx. */
    private static final List<String> WRITES = List.of(
            "{\"op\":\"set\",\"path\":\"a.b.c\",\"value\":1}",
            "{\"op\":\"set\",\"path\":\"list\",\"value\":[1,2]}",
            "{\"op\":\"set\",\"path\":\"list[2]\",\"value\":{\"x\":3}}",
            "{\"op\":\"set\",\"path\":\"list[-1].y\",\"value\":\"z\"}",
            "{\"op\":\"del\",\"path\":\"list[0]\"}",
            "{\"op\":\"del\",\"path\":\"list[-1]\"}",
            "{\"op\":\"incr\",\"path\":\"n\",\"by\":0.1}",
            "{\"op\":\"incr\",\"path\":\"n\",\"by\":1e2}",
            "{\"op\":\"incr\",\"path\":\"list[0]\",\"by\":5}",
            "{\"op\":\"set\",\"path\":\"\\\"odd.key\\\"[\\\"[0]\\\"]\",\"value\":null}",
            "{\"op\":\"set\",\"path\":\"\\\"\\\"\",\"value\":\"empty key, é\"}",
            "{\"op\":\"load\",\"path\":\"cfg\",\"value\":{\"db\":{\"host\":\"h\",\"port\":1},\"tags\":[1]}}",
            "{\"op\":\"load\",\"path\":\"cfg\",\"merge\":true,\"value\":{\"db\":{\"port\":2,\"user\":\"u\"},\"tags\":[2],\"new\":{}}}",
            "{\"op\":\"load\",\"path\":\"cfg\",\"merge\":true,\"value\":{\"db\":{}}}",
            "{\"op\":\"tx\",\"ops\":[{\"op\":\"set\",\"path\":\"t.1\",\"value\":true},{\"op\":\"incr\",\"path\":\"n\"},"
                    + "{\"op\":\"del\",\"path\":\"a.b\"},{\"op\":\"get\",\"path\":\"n\"},{\"op\":\"set\",\"path\":\"t.2\",\"value\":[[]]}]}",
            "{\"op\":\"set\",\"path\":\"a\",\"value\":{\"deep\":[[[{\"k\":-0.0}]]]}}",
            "{\"op\":\"load\",\"path\":\".\",\"merge\":true,\"value\":{\"top\":1}}");

    @TempDir
    Path dir;

    private final List<Durability> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (Durability durability : open) {
            durability.close();
        }
    }

    /** A durable store as the daemon's owner drives it: apply, hand the commit to the log, settle. */
    private final class Owner {
        final Durability durability;
        final TreeStore store;

        Owner(LogOptions options) throws IOException {
            durability = Durability.open(options);
            open.add(durability);
            store = new TreeStore(durability.dictionary());
        }

        Store.Applied write(String request) throws IOException {
            Store.Applied applied = store.apply(Codec.decodeRequest(request));
            if (applied.commit() != null) {
                try {
                    durability.accept(List.of(applied.commit()));
                } catch (IOException e) {
                    store.undoUnsettled();
                    durability.settled();
                    throw e;
                }
            }
            store.settle();
            durability.settled();
            return applied;
        }

        String image() {
            return image(durability.dictionary());
        }

        /** Asks for a compaction between groups, as the compact op does. */
        void compact() {
            durability.compact();
            durability.settled();
        }

        void close() throws IOException {
            open.remove(durability);
            durability.close();
        }

        private String image(Dictionary dictionary) {
            return dictionary.revision() + " " + Json.write(plain(dictionary.freeze()));
        }
    }

    /** Every node as {@code [mod_rev, value]}, so two images are equal only if values and mod_revs are. */
    private static Object plain(FrozenNode node) {
        Object value = node.value();
        if (node.isObject()) {
            Map<String, Object> object = new LinkedHashMap<>();
            node.object().forEach((key, child) -> object.put(key, plain(child)));
            value = object;
        } else if (node.isArray()) {
            value = node.array().stream().map(DurabilityTest::plain).toList();
        }
        return List.of(BigDecimal.valueOf(node.modRev()), value);
    }

    private LogOptions options() {
        return LogOptions.of(dir.resolve("data"), FsyncPolicy.ALWAYS);
    }

    private Owner writeAll(LogOptions options, List<String> writes) throws IOException {
        Owner owner = new Owner(options);
        for (String write : writes) {
            assertThat(owner.write(write).reply().isError()).as(write).isFalse();
        }
        return owner;
    }

    private Path onlySegment() throws IOException {
        List<DataFolder.Entry> segments = new DataFolder(dir.resolve("data")).segments();
        assertThat(segments).hasSize(1);
        return segments.get(0).file();
    }

    @Test
    void recoveryReproducesEveryValueAndModRevAndTheRevisionGoesOn() throws IOException {
        Owner before = writeAll(options(), WRITES);
        String image = before.image();
        assertThat(before.durability.dictionary().revision()).isEqualTo(WRITES.size() - 1);
        before.close();
        Owner after = new Owner(options());
        assertThat(after.image()).isEqualTo(image);
        assertThat(after.write("{\"op\":\"incr\",\"path\":\"n\"}").reply().rev()).isEqualTo(WRITES.size());
    }

    @Test
    void aMergeThatWritesNothingTakesNoRevision() throws IOException {
        Owner owner = writeAll(options(), List.of("{\"op\":\"set\",\"path\":\"cfg\",\"value\":{\"db\":{}}}"));
        Store.Applied applied = owner.write("{\"op\":\"load\",\"path\":\"cfg\",\"merge\":true,\"value\":{\"db\":{}}}");
        assertThat(applied.commit()).isNull();
        assertThat(applied.reply().rev()).isEqualTo(1);
    }

    @Test
    void aTornLastRecordIsCutOffAtEveryByteOffset() throws IOException {
        Owner owner = writeAll(options(), WRITES.subList(0, 5));
        String imageBefore = owner.image();
        long sizeBefore = Files.size(onlySegment());
        owner.write(WRITES.get(5));
        owner.close();
        Path segment = onlySegment();
        byte[] whole = Files.readAllBytes(segment);
        assertThat(whole.length).isGreaterThan((int) sizeBefore);
        for (int cut = (int) sizeBefore; cut < whole.length; cut++) {
            Files.write(segment, java.util.Arrays.copyOf(whole, cut));
            Owner recovered = new Owner(options());
            assertThat(recovered.image()).as("cut at %d", cut).isEqualTo(imageBefore);
            recovered.close();
            assertThat(Files.size(segment)).as("cut at %d", cut).isEqualTo(sizeBefore);
        }
    }

    @Test
    void zerosWhereTheLastRecordShouldBeAreATornTailCutOffWithAWarning() throws IOException {
        Owner owner = writeAll(options(), WRITES.subList(0, 3));
        String image = owner.image();
        long size = Files.size(onlySegment());
        owner.close();
        Files.write(onlySegment(), new byte[100], java.nio.file.StandardOpenOption.APPEND);
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord record) { warnings.add(record); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Logger recovery = Logger.getLogger(Recovery.class.getName());
        recovery.addHandler(handler);
        try {
            assertThat(new Owner(options()).image()).isEqualTo(image);
        } finally {
            recovery.removeHandler(handler);
        }
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.getLevel()).isEqualTo(Level.WARNING);
            assertThat(warning.getMessage()).contains(onlySegment().toString()).contains("torn record at offset " + size);
        });
    }

    @Test
    void aFlippedByteInAMiddleRecordStopsTheStartNamingFileAndOffsetAndSalvageKeepsThePrefix() throws IOException {
        Owner owner = writeAll(options(), WRITES.subList(0, 2));
        String prefix = owner.image();
        long start = Files.size(onlySegment());
        owner.write(WRITES.get(2));
        long end = Files.size(onlySegment());
        owner.write(WRITES.get(3));
        owner.write(WRITES.get(4));
        owner.close();
        Path segment = onlySegment();
        byte[] good = Files.readAllBytes(segment);
        for (long at = start; at < end; at++) {
            flip(segment, at);
            assertThatThrownBy(() -> new Owner(options())).as("byte %d flipped", at)
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageContaining(segment.toString())
                    .hasMessageContaining("damaged at offset " + start)
                    .hasMessageContaining("--salvage");
            Files.write(segment, good);
        }
        flip(segment, start + RecordCodec.HEADER_BYTES + 2);
        Owner salvaged = new Owner(options().withSalvage(true));
        assertThat(salvaged.image()).isEqualTo(prefix);
        assertThat(Files.exists(segment.resolveSibling(segment.getFileName() + ".corrupt"))).isTrue();
        assertThat(salvaged.write(WRITES.get(5)).reply().rev()).isEqualTo(3);
        salvaged.close();
        assertThat(new Owner(options()).durability.dictionary().revision()).isEqualTo(3);
    }

    private static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile bytes = new RandomAccessFile(file.toFile(), "rw")) {
            bytes.seek(at);
            int b = bytes.read();
            bytes.seek(at);
            bytes.write(b ^ 0x40);
        }
    }

    @Test
    void aSecondOwnerOfTheFolderIsRefusedUntilTheFirstLetsGo() throws IOException {
        Owner first = new Owner(options());
        assertThatThrownBy(() -> Durability.open(options()))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("is in use by another syncdictd (pid " + ProcessHandle.current().pid() + ")");
        first.close();
        new Owner(options());
    }

    @Test
    void aGroupIsOneWriteAndUnderAlwaysOneFsync() throws IOException {
        FaultyChannel.Disk disk = new FaultyChannel.Disk();
        Owner owner = new Owner(options().withOpener(disk.opener()));
        List<Commit> group = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            group.add(owner.store.apply(Codec.decodeRequest("{\"op\":\"incr\",\"path\":\"n\"}")).commit());
        }
        int forcesBefore = disk.forces.get();
        owner.durability.accept(group);
        owner.store.settle();
        assertThat(disk.forces.get() - forcesBefore).isEqualTo(1);
        owner.close();
        assertThat(new Owner(options()).durability.dictionary().revision()).isEqualTo(100);
    }

    @Test
    void everysecSyncsOnItsOwnThreadAndNoSyncsOnlyAtClose() throws IOException {
        FaultyChannel.Disk everysec = new FaultyChannel.Disk();
        Owner owner = writeAll(LogOptions.of(dir.resolve("everysec"), FsyncPolicy.EVERYSEC).withOpener(everysec.opener()), WRITES);
        await().atMost(Duration.ofSeconds(10)).until(() -> everysec.forces.get() >= 1);
        owner.close();
        FaultyChannel.Disk no = new FaultyChannel.Disk();
        Owner lazy = writeAll(LogOptions.of(dir.resolve("no"), FsyncPolicy.NO).withOpener(no.opener()), WRITES);
        assertThat(no.forces.get()).isZero();
        lazy.close();
        assertThat(no.forces.get()).isEqualTo(1);
    }

    @Test
    void aFullDiskRefusesTheWriteLeavesNothingHalfWrittenAndWritesResumeWhenSpaceIsBack() throws IOException {
        FaultyChannel.Disk disk = new FaultyChannel.Disk();
        Owner owner = writeAll(options().withOpener(disk.opener()), WRITES.subList(0, 3));
        String image = owner.image();
        long size = Files.size(onlySegment());
        disk.full = true;
        assertThatThrownBy(() -> owner.write(WRITES.get(3))).hasMessageContaining("No space left on device");
        assertThat(Files.size(onlySegment())).isEqualTo(size);
        assertThat(owner.image()).isEqualTo(image);
        // A cut that fails too is retried before the next append, which fails until it succeeds.
        disk.broken = true;
        assertThatThrownBy(() -> owner.write(WRITES.get(3))).hasMessageContaining("No space left on device");
        disk.full = false;
        assertThatThrownBy(() -> owner.write(WRITES.get(3))).hasMessageContaining("could not repair the log");
        disk.broken = false;
        assertThat(owner.write(WRITES.get(3)).reply().rev()).isEqualTo(4);
        String after = owner.image();
        owner.close();
        assertThat(new Owner(options()).image()).isEqualTo(after);
    }

    @Test
    void compactionWritesASnapshotDropsTheLogBeforeItAndRecoversTheSame() throws IOException {
        Owner owner = writeAll(options(), WRITES);
        owner.compact();
        // Writes go on while the snapshot is written.
        owner.write("{\"op\":\"set\",\"path\":\"after\",\"value\":1}");
        awaitCompacted(owner);
        owner.write("{\"op\":\"set\",\"path\":\"after\",\"value\":2}");
        String image = owner.image();
        assertThat(owner.durability.info()).containsEntry("snapshot_rev", BigDecimal.valueOf(WRITES.size() - 1))
                .containsEntry("log_records", BigDecimal.valueOf(2));
        owner.close();
        DataFolder folder = new DataFolder(dir.resolve("data"));
        assertThat(folder.snapshots()).extracting(DataFolder.Entry::revision).containsExactly((long) WRITES.size() - 1);
        assertThat(folder.segments()).extracting(DataFolder.Entry::revision).containsExactly((long) WRITES.size());
        assertThat(new Owner(options()).image()).isEqualTo(image);
    }

    @Test
    void theLogCompactsItselfPastItsThresholdAndKeepsOneSnapshot() throws IOException {
        Owner owner = new Owner(options().withCompactBytes(2000));
        for (int i = 0; i < 300; i++) {
            owner.write("{\"op\":\"set\",\"path\":\"k" + (i % 17) + "\",\"value\":" + i + "}");
        }
        awaitCompacted(owner);
        String image = owner.image();
        assertThat((BigDecimal) owner.durability.info().get("compactions")).isGreaterThan(BigDecimal.ONE);
        owner.close();
        assertThat(new DataFolder(dir.resolve("data")).snapshots()).hasSize(1);
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            assertThat(files.filter(f -> f.toString().endsWith(DataFolder.TEMP_SUFFIX))).isEmpty();
        }
        assertThat(new Owner(options()).image()).isEqualTo(image);
    }

    @Test
    void aDamagedSnapshotStopsTheStartNamingIt() throws IOException {
        Owner owner = writeAll(options(), WRITES);
        owner.compact();
        awaitCompacted(owner);
        owner.close();
        Path snapshot = new DataFolder(dir.resolve("data")).snapshots().get(0).file();
        flip(snapshot, Files.size(snapshot) / 2);
        assertThatThrownBy(() -> new Owner(options())).isInstanceOf(PersistenceException.class)
                .hasMessageContaining("the snapshot " + snapshot + " is damaged");
    }

    @Test
    void theReplayedTailKeepsTheNewestCommitsWithinItsCountAndRecordBytesWithTheirOldValues() throws IOException {
        String big = "x".repeat(1000);
        List<String> writes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            writes.add("{\"op\":\"set\",\"path\":\"k\",\"value\":\"" + i + big + "\"}");
        }
        writeAll(options(), writes).close();
        DataFolder folder = new DataFolder(dir.resolve("data"));

        List<Commit> byBytes = Recovery.run(folder, false, 100, 3_500).tail();
        assertThat(byBytes).extracting(Commit::revision).containsExactly(8L, 9L, 10L);
        assertThat(byBytes.get(0).changes().get(0).oldValue()).isEqualTo("6" + big);

        List<Commit> byCount = Recovery.run(folder, false, 2, Long.MAX_VALUE).tail();
        assertThat(byCount).extracting(Commit::revision).containsExactly(9L, 10L);
        assertThat(byCount.get(1).changes().get(0).oldValue()).isEqualTo("8" + big);
    }

    private static void awaitCompacted(Owner owner) {
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.durability.info().get("compacting") == Boolean.FALSE);
    }
}
