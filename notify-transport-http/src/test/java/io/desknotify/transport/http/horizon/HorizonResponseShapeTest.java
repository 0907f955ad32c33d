package io.desknotify.transport.http.horizon;

import static io.desknotify.transport.http.horizon.HorizonTestSupport.await;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.batch;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.failure;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.transport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Outcome;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.TargetResult;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HorizonResponseShapeTest {
    static final String SEND = HorizonTransport.SEND_PATH;
    HorizonStub stub;
    HorizonTransport transport;

    @BeforeEach
    void start() throws IOException {
        stub = new HorizonStub();
        transport = transport(stub.baseUri()).maxResponseBytes(4096).build();
    }

    @AfterEach
    void stop() {
        transport.close();
        stub.close();
    }

    @Test
    void aSessionMissingFromTheAnswerIsUnknownSinceTheAcceptedRequestMayHaveShownIt() {
        stub.answer(SEND, HorizonStub.Answer.json(200,
                "[{\"id\":\"s1\",\"status_code\":200},{\"id\":\"stranger\",\"status_code\":200}]"));

        BatchResult r = await(transport.deliver(batch(List.of("s1", "s2"))));

        assertThat(r.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(r.perTarget()).extracting(t -> t.target().value(), TargetResult::outcome, TargetResult::errorCode)
                .containsExactly(tuple("s2", Outcome.UNKNOWN, HorizonTransport.MISSING_FROM_RESPONSE));
    }

    @Test
    void itemsWithoutAnErrorKeyAreFailedWithTheirStatusCodeAndAnItemWithoutAnyStatusIsUnknown() {
        stub.answer(SEND, HorizonStub.Answer.json(200, "[{\"id\":\"s1\",\"status_code\":404,"
                + "\"error_messages\":[\"Entity does not exists.\"]},{\"id\":\"s2\"},{\"id\":\"s3\",\"status_code\":\"204\"}]"));

        BatchResult r = await(transport.deliver(batch(List.of("s1", "s2", "s3"))));

        assertThat(r.perTarget()).extracting(t -> t.target().value(), TargetResult::outcome, TargetResult::errorCode,
                        TargetResult::errorMessage)
                .containsExactly(
                        tuple("s1", Outcome.FAILED, "HTTP_404", "Entity does not exists."),
                        tuple("s2", Outcome.UNKNOWN, HorizonTransport.NO_STATUS_CODE,
                                "Horizon's answer for this session has no status_code; it may have been shown"));
    }

    @Test
    void anOkAnswerThatIsNotAnArrayIsFatal() {
        stub.answer(SEND, HorizonStub.Answer.json(200, "{\"job_id\":\"x\"}"));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.errorCode()).isEqualTo("UNEXPECTED_RESPONSE");
        assertThat(e.getMessage()).contains("expected an array");
    }

    @Test
    void anArrayOfNonObjectsIsFatal() {
        stub.answer(SEND, HorizonStub.Answer.json(200, "[1,2]"));

        assertThat(failure(transport.deliver(batch(List.of("s1")))).retryability()).isEqualTo(Retryability.FATAL);
    }

    @Test
    void anAnswerLargerThanTheCapIsRefusedAsFatal() {
        stub.answer(SEND, HorizonStub.Answer.json(200, "[" + "{\"id\":\"s1\",\"status_code\":200},".repeat(300)
                + "{\"id\":\"s1\",\"status_code\":200}]"));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.getMessage()).contains("too large");
    }

    @Test
    void redirectsAreNotFollowed() {
        stub.answer(SEND, new HorizonStub.Answer(302, Map.of("Location", "https://evil.example.com/"), new byte[0]));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.httpStatus()).isEqualTo(302);
        assertThat(e.getMessage()).contains("redirect");
    }

    @Test
    void throttlingWithOnlyAStandardRetryAfterDateIsHonoured() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        stub.answer(SEND, new HorizonStub.Answer(429, Map.of("Retry-After", at), new byte[0]));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.throttled()).isTrue();
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(25),
                Duration.ofSeconds(31)));
    }

    @Test
    void aThrottlingAnswerWithoutAnyRetryHeaderCarriesTheThrottlePause() {
        stub.answer(SEND, new HorizonStub.Answer(429, Map.of(), new byte[0]));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.throttled()).isTrue();
        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.retryAfter()).as("the default pause, 2 to 5 s").hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @Test
    void horizonsOwnRetryHeaderWinsOverTheThrottlePause() {
        stub.answer(SEND, new HorizonStub.Answer(429, Map.of("X-Rate-Limit-Retry-After-Seconds", "9"), new byte[0]));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(9));
    }

    @Test
    void aThrottlePauseOfZeroLeavesAThrottlingAnswerWithoutDelay() {
        HorizonTransport noPause = transport(stub.baseUri()).throttlePause(Duration.ZERO, Duration.ZERO).build();
        try {
            stub.answer(SEND, new HorizonStub.Answer(429, Map.of(), new byte[0]));

            TransportException e = failure(noPause.deliver(batch(List.of("s1"))));

            assertThat(e.throttled()).isTrue();
            assertThat(e.retryAfter()).isEmpty();
        } finally {
            noPause.close();
        }
    }

    @Test
    void anErrorMessageBodyIsQuotedInTheException() {
        stub.answer(SEND, HorizonStub.Answer.json(409, "{\"error_message\":\"Conflict with a running task.\"}"));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.getMessage()).contains("Conflict with a running task.");
    }

    @Test
    void forbiddenIsAnAuthenticationFailure() {
        stub.answer(SEND, HorizonStub.Answer.json(403, "{\"error_messages\":[\"Missing privilege.\"]}"));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.getMessage()).contains("Missing privilege.");
    }

    @Test
    void aLoginAnswerWithoutTokensIsFatalAndNothingIsSent() {
        stub.answer("/rest/login", HorizonStub.Answer.json(200, "{\"hello\":\"world\"}"));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.getMessage()).contains("login", "access_token");
    }

    @Test
    void aFailingLoginServerMakesTheBatchRetryableBecauseItWasNeverSent() {
        stub.answer("/rest/login", HorizonStub.Answer.json(500, "{\"error_message\":\"boom\"}"));

        TransportException e = failure(transport.deliver(batch(List.of("s1"))));

        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.getMessage()).contains("not sent");
    }
}
