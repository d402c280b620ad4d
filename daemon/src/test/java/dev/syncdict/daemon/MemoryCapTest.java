package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Token;
import org.junit.jupiter.api.Test;

/** A daemon at its memory cap refuses writes that could grow the dictionary, and goes on with everything else. */
class MemoryCapTest {

    private static final Token TOKEN = Token.of("memory-cap");

    @Test
    void writesAreRefusedAtTheCapAndDeletesMakeRoomAgain() throws Exception {
        DaemonConfig config = DaemonConfig.defaults(TOKEN).withPort(0).withMaxMemory(200_000);
        try (Daemon daemon = Daemon.start(config);
                RawConnection client = RawConnection.authenticated(daemon.port(), TOKEN)) {
            String value = "\"" + "v".repeat(1000) + "\"";
            int written = 0;
            String reply = "";
            while (written < 1000) {
                client.send("{\"id\":" + written + ",\"op\":\"set\",\"path\":\"k" + written + "\",\"value\":" + value + "}");
                reply = client.readLine();
                if (reply.contains("error")) {
                    break;
                }
                written++;
            }
            assertThat(reply).contains("\"code\":\"out_of_memory\"").contains("of its 200000 (--max-memory)");
            assertThat(written).as("about 200 KB of 1 KB values").isBetween(100, 200);
            client.send("{\"id\":\"r\",\"op\":\"get\",\"path\":\"k0\"}");
            assertThat(client.readLine()).as("reads go on").contains("vvv");
            client.send("{\"id\":\"t\",\"op\":\"tx\",\"ops\":[{\"op\":\"incr\",\"path\":\"n\"}]}");
            assertThat(client.readLine()).as("a tx that could grow it too").contains("out_of_memory");
            client.send("{\"id\":\"d\",\"op\":\"tx\",\"ops\":[{\"op\":\"del\",\"path\":\"k0\"},{\"op\":\"del\",\"path\":\"k1\"},"
                    + "{\"op\":\"del\",\"path\":\"k2\"},{\"op\":\"del\",\"path\":\"k3\"},{\"op\":\"del\",\"path\":\"k4\"}]}");
            assertThat(client.readLine()).as("deletes go on").doesNotContain("error");
            client.send("{\"id\":\"again\",\"op\":\"set\",\"path\":\"k0\",\"value\":" + value + "}");
            assertThat(client.readLine()).as("room made, writes work again").isEqualTo("{\"id\":\"again\",\"rev\":" + (written + 2) + "}");
            client.send("{\"id\":\"i\",\"op\":\"info\"}");
            assertThat(client.readLine()).contains("\"max_memory_bytes\":200000").contains("\"dictionary_bytes\":");
        }
    }

    @Test
    void writesSentTogetherAreCountedOneByOneNotPerGroup() throws Exception {
        DaemonConfig config = DaemonConfig.defaults(TOKEN).withPort(0).withMaxMemory(200_000);
        try (Daemon daemon = Daemon.start(config);
                RawConnection client = RawConnection.authenticated(daemon.port(), TOKEN)) {
            // 400 sets of 1 KB in one write: they reach the daemon in a few reads, each a group of
            // many. Checked once a group, a group would pass the cap by as much as it holds.
            String value = "\"" + "v".repeat(1000) + "\"";
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                batch.append("{\"id\":").append(i).append(",\"op\":\"set\",\"path\":\"k").append(i)
                        .append("\",\"value\":").append(value).append("}\n");
            }
            client.write(batch.toString());
            int applied = 0;
            boolean refusing = false;
            for (int i = 0; i < 400; i++) {
                String reply = client.readLine();
                if (reply.contains("out_of_memory")) {
                    refusing = true;
                } else {
                    assertThat(refusing).as("reply %d, after a refusal: %s", i, reply).isFalse();
                    applied++;
                }
            }
            assertThat(applied).as("about 200 KB of 1 KB values").isBetween(100, 200);
        }
    }
}
