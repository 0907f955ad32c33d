package io.desknotify.transport.http.horizon;

import static io.desknotify.transport.http.horizon.HorizonTestSupport.DOMAIN;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.PASSWORD;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.USER;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.batch;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.transport;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.Target;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.horizon.HorizonEmulator;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With every desknotify logger at its most verbose, drives the transport through logins, renewals, rejections
 * and failures, then checks that neither the password nor any token Horizon issued appears in a log line, an
 * exception message or a {@code toString}.
 */
class HorizonSecretsTest {
    private static final String WRONG_PASSWORD = "Wr0ng-pa55word-xyz";

    private final List<String> shown = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("io.desknotify");
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            shown.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;

    @BeforeEach
    void capture() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(previous);
    }

    private void settle(CompletionStage<?> stage) {
        try {
            shown.add(String.valueOf(stage.toCompletableFuture().get(20, TimeUnit.SECONDS)));
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                shown.add(t.toString());
                shown.add(String.valueOf(t.getMessage()));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void noLogLineExceptionMessageOrToStringShowsThePasswordOrAToken() {
        Inventory inventory = Inventory.builder().seed(4).desktops(60).pools(2).build();
        Set<String> secrets = new HashSet<>(List.of(PASSWORD, WRONG_PASSWORD));
        try (HorizonEmulator emulator = HorizonEmulator.builder().inventory(inventory).login(DOMAIN, USER, PASSWORD)
                .start()) {
            List<String> ids = inventory.sessions().stream().limit(6).map(Inventory.Session::id).toList();
            HorizonTransport t = transport(emulator.baseUri()).readAttempts(2).build();
            shown.add(t.toString());

            settle(t.deliver(batch(ids.subList(0, 2))));
            emulator.expireAccessTokens();
            settle(t.deliver(batch(ids.subList(2, 4))));
            emulator.expireAccessTokens();
            emulator.faults().inject(Route.HORIZON_REFRESH, Fault.unauthorized(), Trigger.next(1));
            settle(t.resolve(new ResolveRequest("j", List.of(Target.desktopPool(inventory.pools().get(0).id()),
                    Target.user(inventory.users().get(0).name())), true)));
            emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.unauthorized(), Trigger.next(2));
            settle(t.deliver(batch(ids.subList(4, 6))));
            emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.throttled(Duration.ZERO), Trigger.next(1));
            settle(t.deliver(batch(ids.subList(4, 6))));
            emulator.faults().inject(Route.HORIZON_SESSIONS, Fault.serverError(), Trigger.always());
            settle(t.resolve(new ResolveRequest("j", List.of(Target.desktopPool(inventory.pools().get(1).id())), true)));
            settle(t.checkHealth());
            t.close();
            settle(t.deliver(batch(ids.subList(0, 1))));

            HorizonTransport wrong = transport(emulator.baseUri()).password(WRONG_PASSWORD.toCharArray()).build();
            shown.add(wrong.toString());
            settle(wrong.deliver(batch(ids.subList(0, 1))));
            wrong.close();

            secrets.addAll(tokensIn(emulator.journal().requests()));
        }

        assertThat(secrets).as("tokens seen by the emulator").hasSizeGreaterThan(4);
        assertThat(shown).as("log lines were captured").anySatisfy(l -> assertThat(l).contains("logging in"));
        for (String line : shown) {
            for (String secret : secrets) {
                assertThat(line).as("a shown line").doesNotContain(secret);
            }
        }
    }

    /** Every access token (Authorization headers) and refresh token (refresh and logout bodies) the client sent. */
    private static List<String> tokensIn(List<RecordedRequest> requests) {
        List<String> tokens = new ArrayList<>();
        for (RecordedRequest r : requests) {
            String auth = r.header("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                tokens.add(auth.substring(7));
            }
            if (r.route() == Route.HORIZON_REFRESH || r.route() == Route.HORIZON_LOGOUT) {
                tokens.add(Json.createReader(new StringReader(r.bodyText())).readObject().getString("refresh_token"));
            }
        }
        return tokens;
    }
}
