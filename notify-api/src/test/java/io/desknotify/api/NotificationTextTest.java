package io.desknotify.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text a desktop cannot show faithfully is refused, naming the field and the UTF-16 index of the culprit. */
class NotificationTextTest {

    private static void assertRefused(String message, String field, String... fragments) {
        var thrown = assertThatThrownBy(() -> {
            if (field.equals("title")) {
                Notification.builder().message("ok").title(message).build();
            } else {
                Notification.builder().message(message).build();
            }
        }).isInstanceOf(InvalidRequestException.class);
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
        thrown.extracting(e -> ((InvalidRequestException) e).field()).isEqualTo(field);
    }

    @Test
    void aLoneSurrogateIsRefusedNamingTheFieldAndIndex() {
        assertRefused("Maintenance \uD83D at 22:00", "message", "index 12", "surrogate", "U+D83D");
        assertRefused("Maintenance at 22:00 \uDE00", "message", "index 21", "surrogate");
        assertRefused("\uDE00\uD83D", "message", "index 0");
        assertRefused("Title \uD800", "title", "index 6");
    }

    @Test
    void aSurrogatePairIsAccepted() {
        assertThat(Notification.builder().message("Maintenance \uD83D\uDEE0 at 22:00").build().message())
                .contains("\uD83D\uDEE0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\uFEFF", "\u00A0", "\u200B\u200C\u200D\u2060", "\u00A0 \u2007\u202F\u3000",
            "\u180E\u00AD", "\u3164\u115F\u1160\uFFA0", "\uFE0F\u034F", " \n\t\u2028\u2029", "\u2800"})
    void aMessageOfOnlyInvisibleCharactersIsBlank(String invisible) {
        assertRefused(invisible, "message", "blank");
        assertRefused(invisible, "title", "blank");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'})
    void bidiOverridesAndIsolatesAreRefusedNamingTheIndex(char bidi) {
        String hex = String.format("U+%04X", (int) bidi);
        assertRefused("Invoice " + bidi + "fdp.exe", "message", "index 8", hex);
        assertRefused("Title " + bidi + "x", "title", "index 6", hex);
    }

    @Test
    void visibleTextWithInvisibleCharactersInsideIsAccepted() {
        // a zero-width joiner inside an emoji sequence and a no-break space between words are ordinary text
        assertThat(Notification.builder().message("Team \uD83D\uDC69\u200D\uD83D\uDCBB at 22\u00A0h").build())
                .isNotNull();
        // right-to-left text with the ordinary direction marks is fine
        assertThat(Notification.builder().message("\u05E9\u05DC\u05D5\u05DD \u200F22:00").build()).isNotNull();
    }

    @Test
    void aControlCharacterIsNamedWithItsIndex() {
        assertRefused("bell\u0007", "message", "U+0007", "index 4");
    }
}
