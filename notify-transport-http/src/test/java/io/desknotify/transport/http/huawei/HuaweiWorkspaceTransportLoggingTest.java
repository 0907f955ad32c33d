package io.desknotify.transport.http.huawei;

import static io.desknotify.transport.http.huawei.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.Notification;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.ResolveRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With the transport's logger at its most verbose, no log line shows a secret. */
class HuaweiWorkspaceTransportLoggingTest {
    private static final String SK = "sk-LOGGING-secret-41";
    private static final String STS = "sts-LOGGING-secret-42";
    private static final String TOKEN = "iam-LOGGING-secret-43";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("io.desknotify.transport.http.huawei");
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;
    private StubServer stub;

    @BeforeEach
    void capture() throws Exception {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
        stub = new StubServer();
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(previous);
        stub.close();
    }

    private static void settle(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // failures are part of what is logged
        }
    }

    @Test
    void noLogLineShowsTheSecretKeySecurityTokenOrIamToken() {
        Batch batch = new Batch("j", TargetKind.DESKTOP, List.of(Target.desktop("d-1")),
                Notification.builder().message("hello").build(), 1);
        stub.then(json(200, "{\"job_id\":\"j1\"}"))
                .then(json(401, "{\"error_code\":\"APIG.0301\",\"error_msg\":\"bad signature\"}"))
                .then(json(500, "{}")).then(json(429, "{}", "Retry-After", "0"))
                .then(json(200, "{\"desktops\":[],\"total_count\":0}"))
                .then(json(200, "{\"job_id\":\"j2\"}"));
        try (HuaweiWorkspaceTransport akSk = HuaweiWorkspaceTransport.builder().endpoint(stub.uri()).projectId("p")
                .accessKey("AK").secretKey(SK.toCharArray()).securityToken(STS.toCharArray())
                .readRetry(3, Duration.ofMillis(5), Duration.ofSeconds(1)).build();
             HuaweiWorkspaceTransport token = HuaweiWorkspaceTransport.builder().endpoint(stub.uri()).projectId("p")
                .authToken(() -> TOKEN).build()) {
            settle(akSk.deliver(batch));
            settle(akSk.deliver(batch));
            settle(akSk.resolve(new ResolveRequest("j", List.of(Target.user("u")), false)));
            settle(token.deliver(batch));
        }

        assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("HTTP 401"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("retrying"));
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(SK).doesNotContain(STS)
                .doesNotContain(TOKEN));
        assertThat(stub.requests()).anySatisfy(r -> assertThat(r.header("X-Auth-Token")).isEqualTo(TOKEN));
    }
}
