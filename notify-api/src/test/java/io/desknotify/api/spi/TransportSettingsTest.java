package io.desknotify.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportSettingsTest {

    @Test
    void keyOfTurnsABuilderOptionIntoTheSettingKeyAndLeavesKeysAsTheyAre() {
        assertThat(TransportSettings.keyOf("requestTimeout")).isEqualTo("request-timeout");
        assertThat(TransportSettings.keyOf("maxDesktopsPerCall")).isEqualTo("max-desktops-per-call");
        assertThat(TransportSettings.keyOf("request-timeout")).isEqualTo("request-timeout");
        assertThat(TransportSettings.keyOf("endpoint")).isEqualTo("endpoint");
    }
}
