package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/** A real SpringApplication start-up with a bad property: Boot finds our analyzer and reports the property. */
class StartupFailureReportTest {

    @Test
    void startUpReportNamesTheMissingProperty() {
        RecordingReporter.REPORTS.clear();
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> app.run(
                "--desknotify.providers.hw.type=huawei-workspace",
                "--desknotify.providers.hw.project-id=p1",
                "--desknotify.providers.hw.access-key=ak",
                "--desknotify.providers.hw.secret-key=VERY-SECRET-SK"))
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("VERY-SECRET-SK"));

        assertThat(RecordingReporter.REPORTS).singleElement().satisfies(analysis -> {
            assertThat(analysis.getDescription()).contains("Property: desknotify.providers.hw.endpoint")
                    .contains("is required for a huawei-workspace");
            assertThat(analysis.getAction()).contains("desknotify.providers.hw.endpoint");
        });
    }

    private static String stackTrace(Throwable e) {
        StringWriter s = new StringWriter();
        e.printStackTrace(new PrintWriter(s));
        return s.toString();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** Registered in the test's META-INF/spring.factories. */
    public static class RecordingReporter implements FailureAnalysisReporter {
        static final List<FailureAnalysis> REPORTS = new CopyOnWriteArrayList<>();

        @Override
        public void report(FailureAnalysis analysis) {
            REPORTS.add(analysis);
        }
    }
}
