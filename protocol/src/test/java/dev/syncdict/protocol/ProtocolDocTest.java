package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md documents every op, field and error code the code knows. */
class ProtocolDocTest {

    @Test
    void theSpecNamesTheWholeVocabulary() throws Exception {
        String spec = Files.readString(Path.of("../docs/PROTOCOL.md"));
        for (Op op : Op.values()) {
            assertThat(spec).as("op %s", op).contains("| `" + op.wireName() + "` |");
        }
        for (Field field : Field.values()) {
            assertThat(spec).as("field %s", field).contains("`" + field.wireName() + "`");
        }
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(spec).as("error code %s", code).contains("| `" + code.wireName() + "` |");
        }
        assertThat(spec).contains("\"proto\":" + Hello.PROTOCOL_VERSION);
    }
}
