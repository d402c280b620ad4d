package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.wal.FaultyChannel;
import dev.syncdict.daemon.wal.FsyncPolicy;
import dev.syncdict.daemon.wal.LogOptions;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon whose disk fills up: io_error for the writes, reads go on, writes resume, and a restart finds what clients were told. */
class DiskFullTest {

    private static final Token TOKEN = Token.of("disk-full");

    @TempDir
    Path dir;

    @Test
    void writesFailWithIoErrorReadsGoOnAndWritesResumeWithRoomAgain() throws Exception {
        FaultyChannel.Disk disk = new FaultyChannel.Disk();
        LogOptions log = LogOptions.of(dir.resolve("data"), FsyncPolicy.ALWAYS);
        try (Daemon daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0).withLog(log.withOpener(disk.opener())));
                RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            assertThat(call(connection, "{\"op\":\"set\",\"path\":\"a\",\"value\":1}").rev()).isEqualTo(1);
            disk.full = true;
            // One batch: the refused write, a read after it, and a compaction that must not snapshot the refused write.
            connection.send("{\"id\":1,\"op\":\"set\",\"path\":\"a\",\"value\":2}\n{\"id\":2,\"op\":\"get\",\"path\":\"a\"}\n"
                    + "{\"id\":3,\"op\":\"compact\"}");
            Reply refused = Codec.decodeReply(connection.readLine());
            assertThat(refused.error().code()).isEqualTo(ErrorCode.IO_ERROR);
            assertThat(refused.error().message()).contains("No space left on device");
            assertThat(Codec.decodeReply(connection.readLine()).value()).isEqualTo(BigDecimal.ONE);
            assertThat(Codec.decodeReply(connection.readLine()).isError()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> persistence(connection).get("compacting") == Boolean.FALSE);
            assertThat(persistence(connection).get("snapshot_rev")).isEqualTo(BigDecimal.ONE);
            assertThat(call(connection, "{\"op\":\"get\",\"path\":\"a\"}").value()).isEqualTo(BigDecimal.ONE);
            disk.full = false;
            assertThat(call(connection, "{\"op\":\"set\",\"path\":\"b\",\"value\":2}").rev()).isEqualTo(2);
        }
        try (Daemon daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0).withLog(log));
                RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            assertThat(call(connection, "{\"op\":\"dump\"}").value()).isEqualTo(Map.of("a", BigDecimal.ONE, "b", BigDecimal.valueOf(2)));
            assertThat(call(connection, "{\"op\":\"ping\"}").rev()).isEqualTo(2);
        }
    }

    @Test
    void aWatchAfterARefusedWriteStartsFromWhatWasRecordedAndMissesNothing() throws Exception {
        FaultyChannel.Disk disk = new FaultyChannel.Disk();
        LogOptions log = LogOptions.of(dir.resolve("data"), FsyncPolicy.ALWAYS).withOpener(disk.opener());
        try (Daemon daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0).withLog(log));
                RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            call(connection, "{\"op\":\"set\",\"path\":\"x\",\"value\":1}");
            disk.full = true;
            // The watch comes after a write the log will refuse: it must start from revision 1, not from the refused 2.
            connection.send("{\"id\":1,\"op\":\"set\",\"path\":\"x\",\"value\":2}\n{\"id\":\"w\",\"op\":\"watch\",\"path\":\"x\"}");
            assertThat(Codec.decodeReply(connection.readLine()).error().code()).isEqualTo(ErrorCode.IO_ERROR);
            assertThat(connection.readLine()).isEqualTo("{\"id\":\"w\",\"rev\":1}");
            disk.full = false;
            connection.send("{\"id\":2,\"op\":\"set\",\"path\":\"x\",\"value\":3}");
            assertThat(connection.readLine()).isEqualTo("{\"id\":2,\"rev\":2}");
            assertThat(connection.readLine()).isEqualTo("{\"watch\":\"w\",\"rev\":2,\"changes\":[{\"kind\":\"set\",\"path\":\"x\",\"value\":3}]}");
        }
    }

    private static Reply call(RawConnection connection, String request) throws Exception {
        connection.send(request);
        return Codec.decodeReply(connection.readLine());
    }

    private static Map<?, ?> persistence(RawConnection connection) throws Exception {
        return (Map<?, ?>) ((Map<?, ?>) call(connection, "{\"op\":\"info\"}").value()).get("persistence");
    }
}
