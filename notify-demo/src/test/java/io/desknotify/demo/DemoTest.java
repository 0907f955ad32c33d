package io.desknotify.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void demoReportMatchesTheEmulatorJournalsAndPrintsNoSecret() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean matched = Demo.run(600, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(matched).as(output).isTrue();
        assertThat(output).contains("Report: JobReport{").contains("Check: the report matches the journals.")
                .contains(", 0 shown twice, 0 requests outside the providers' API contracts")
                .doesNotContain("demo-secret-key-never-printed").doesNotContain("demo-password-never-printed");
    }
}
