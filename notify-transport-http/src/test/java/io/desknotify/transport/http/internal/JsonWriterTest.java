package io.desknotify.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct writer gives what the general generator gives for the same values. */
class JsonWriterTest {

    private static final List<String> STRINGS = List.of("", "plain", "quote \" and backslash \\ and slash /",
            "line\nbreak\rreturn\ttab\bback\fform", "\u0000\u0001\u001f\u007f", "caf\u00e9 \u5931\u8d25 \ud83d\ude00",
            "unpaired \ud83d high", "unpaired \ude00 low", "\\u0041 is not an escape here");

    @Test
    void writesWhatTheGeneralGeneratorWritesForEveryKindOfString() {
        for (String s : STRINGS) {
            byte[] direct = JsonWriter.withCapacity(0).beginObject().name("ids").beginArray().value(s).value(s)
                    .endArray().name(s).value(s).endObject().toBytes();
            byte[] general = Jsons.toBytes(Jsons.provider().createObjectBuilder()
                    .add("ids", Jsons.provider().createArrayBuilder().add(s).add(s)).add(s, s).build());

            assertThat(Jsons.parseObject(direct, 4)).as(s).isEqualTo(Jsons.parseObject(general, 4));
        }
    }

    @Test
    void readsBackEveryRandomStringAsWritten() {
        Random random = new Random(17);
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                // mostly the characters that need care: controls, quote, backslash, non-ASCII, surrogate pairs
                switch (random.nextInt(6)) {
                    case 0 -> s.append((char) random.nextInt(0x20));
                    case 1 -> s.append(random.nextBoolean() ? '"' : '\\');
                    case 2 -> s.append((char) (0xa0 + random.nextInt(0xd000)));
                    case 3 -> s.appendCodePoint(0x10000 + random.nextInt(0x10000));
                    default -> s.append((char) (0x20 + random.nextInt(0x5f)));
                }
            }
            String text = s.toString();

            JsonObject read = Jsons.parseObject(JsonWriter.withCapacity(8).beginObject().name("t").value(text)
                    .endObject().toBytes(), 2);

            assertThat(((JsonString) read.get("t")).getString()).isEqualTo(text);
        }
    }

    @Test
    void placesCommasBetweenItemsOnlyAtEveryLevel() {
        String written = JsonWriter.withCapacity(0).beginObject().name("a").beginArray().endArray().name("b")
                .beginArray().beginObject().endObject().beginObject().name("c").value("d").endObject().endArray()
                .endObject().toString();

        assertThat(written).isEqualTo("{\"a\":[],\"b\":[{},{\"c\":\"d\"}]}");
    }

    @Test
    void refusesToEndABodyThatIsStillOpenOrToCloseWhatIsNotOpen() {
        assertThatThrownBy(() -> JsonWriter.withCapacity(0).beginObject().toBytes())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("still open");
        assertThatThrownBy(() -> JsonWriter.withCapacity(0).endArray())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing is open");
    }
}
