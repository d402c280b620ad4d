package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RandomBytesTest {

    @Test
    void readsTheBytesFromTheSource(@TempDir Path dir) throws Exception {
        byte[] content = new byte[40];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7 + 1);
        }
        Path source = Files.write(dir.resolve("source"), content);
        assertThat(RandomBytes.of(32, source.toString())).isEqualTo(Arrays.copyOf(content, 32));
    }

    @Test
    void aSourceThatCannotGiveThemAllIsReplacedByTheJdksGenerator(@TempDir Path dir) throws Exception {
        Path tooShort = Files.write(dir.resolve("short"), new byte[10]);
        for (String source : new String[] {tooShort.toString(), dir.resolve("missing").toString()}) {
            byte[] first = RandomBytes.of(32, source);
            assertThat(first).as(source).hasSize(32).isNotEqualTo(new byte[32]).isNotEqualTo(RandomBytes.of(32, source));
        }
    }

    @Test
    void theKernelsSourceGivesFreshBytesEachTime() {
        assertThat(RandomBytes.of(32)).hasSize(32).isNotEqualTo(RandomBytes.of(32));
    }
}
