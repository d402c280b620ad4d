package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md documents every op with its fields, and every error code, the code knows. */
class ProtocolDocTest {

    @Test
    void theSpecNamesTheWholeVocabulary() throws Exception {
        String spec = Files.readString(Path.of("../docs/PROTOCOL.md"));
        for (Op op : Op.values()) {
            assertThat(spec).as("op %s", op).contains("| `" + op.wireName() + "` |");
        }
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(spec).as("error code %s", code).contains("| `" + code.wireName() + "` |");
        }
        assertThat(spec).contains("\"proto\":" + Hello.PROTOCOL_VERSION);
        assertThat(spec).as("chain, which every op takes").contains("Any request may carry `chain`");
    }

    /** Each op's row lists exactly the fields it takes, the required ones in bold. */
    @Test
    void eachOpsRowNamesItsFields() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("../docs/PROTOCOL.md"));
        for (Op op : Op.values()) {
            String row = rows.stream().filter(line -> line.startsWith("| `" + op.wireName() + "` |")).findFirst().orElseThrow();
            String fields = row.split("\\|")[2];
            for (Field field : Field.values()) {
                if (field == Field.CHAIN) {
                    continue; // every op takes it: documented once, not in every row
                }
                String name = "`" + field.wireName() + "`";
                String bold = "**" + name + "**";
                if (op.required().contains(field)) {
                    assertThat(fields).as("%s requires %s", op, field).contains(bold);
                } else if (op.accepts(field)) {
                    assertThat(fields).as("%s takes %s", op, field).contains(name).doesNotContain(bold);
                } else {
                    assertThat(fields).as("%s does not take %s", op, field).doesNotContain(name);
                }
            }
        }
    }
}
