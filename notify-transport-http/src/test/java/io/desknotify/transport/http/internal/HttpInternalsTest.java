package io.desknotify.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.TransportException.Retryability;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The shared HTTP internals: JSON limits, Retry-After, I/O failure classification, header redaction. */
class HttpInternalsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonNestedUpToTheLimitIsAcceptedAndDeeperIsRefused() {
        assertThat(Jsons.parse(utf8("[".repeat(5) + "]".repeat(5)), 5)).isNotNull();
        assertThatThrownBy(() -> Jsons.parse(utf8("[".repeat(6) + "]".repeat(6)), 5))
                .isInstanceOf(Jsons.MalformedJsonException.class).hasMessageContaining("nested deeper than 5");
    }

    @Test
    void bracketsInsideStringsAndEscapedQuotesDoNotCountAsNesting() {
        String s = "{\"a\":\"[[[[{{{{\\\"[[[[\"}";
        assertThat(Jsons.parseObject(utf8(s), 1).getString("a")).isEqualTo("[[[[{{{{\"[[[[");
    }

    @Test
    void malformedJsonIsReportedWithoutQuotingTheBody() {
        assertThatThrownBy(() -> Jsons.parseObject(utf8("{\"secret\": sk-123"), 10))
                .isInstanceOf(Jsons.MalformedJsonException.class).message().doesNotContain("sk-123");
        assertThatThrownBy(() -> Jsons.parseObject(utf8("\"just a string\""), 10))
                .isInstanceOf(Jsons.MalformedJsonException.class);
    }

    @Test
    void typedAccessorsIgnoreMembersOfTheWrongType() {
        var o = Jsons.parseObject(utf8("{\"s\":\"x\",\"n\":5,\"f\":1.5,\"a\":[],\"o\":{},\"z\":null,\"t\":true}"), 5);
        assertThat(Jsons.string(o, "s")).contains("x");
        assertThat(Jsons.string(o, "n")).isEmpty();
        assertThat(Jsons.text(o, "n")).contains("5");
        assertThat(Jsons.text(o, "t")).contains("true");
        assertThat(Jsons.text(o, "z")).isEmpty();
        assertThat(Jsons.longValue(o, "n")).contains(5L);
        assertThat(Jsons.longValue(o, "f")).isEmpty();
        assertThat(Jsons.array(o, "a")).isPresent();
        assertThat(Jsons.object(o, "o")).isPresent();
        assertThat(Jsons.object(o, "a")).isEmpty();
        assertThat(new String(Jsons.toBytes(Jsons.provider().createArrayBuilder().add("a").add("\"b\"").build()), StandardCharsets.UTF_8))
                .isEqualTo("[\"a\",\"\\\"b\\\"\"]");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T06:30:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("120", clock)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 06:31:00 GMT", clock)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 06:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", clock)).isEmpty();
    }

    @Test
    void failuresBeforeAConnectionAreRetryableAndAfterItAmbiguous() {
        assertThat(IoFailures.classify(new ConnectException("refused"))).isEqualTo(Retryability.RETRYABLE);
        assertThat(IoFailures.classify(new CompletionException(new IOException("wrapped", new ConnectException()))))
                .isEqualTo(Retryability.RETRYABLE);
        assertThat(IoFailures.classify(new HttpConnectTimeoutException("connect timed out")))
                .isEqualTo(Retryability.RETRYABLE);
        assertThat(IoFailures.classify(new HttpTimeoutException("request timed out")))
                .isEqualTo(Retryability.AMBIGUOUS);
        assertThat(IoFailures.classify(new IOException("Connection reset"))).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(IoFailures.classify(new SSLHandshakeException("bad certificate"))).isEqualTo(Retryability.FATAL);
        assertThat(IoFailures.describe(new CompletionException(new IOException("boom")))).isEqualTo("IOException: boom");
    }

    @Test
    void credentialHeadersAreMaskedInLogRenderings() {
        HttpHeaders h = HttpHeaders.of(Map.of("Authorization", List.of("SDK-HMAC-SHA256 Access=a, Signature=s"),
                "X-Auth-Token", List.of("tok"), "X-Security-Token", List.of("sts"), "X-Request-Id", List.of("r1"),
                "Set-Cookie", List.of("c=1")), (k, v) -> true);

        String shown = Redaction.headers(h);

        assertThat(shown).contains("X-Request-Id=[r1]").doesNotContain("Signature=s").doesNotContain("tok]")
                .doesNotContain("sts").doesNotContain("c=1");
        assertThat(Redaction.isSensitive("x-subject-token")).isTrue();
        assertThat(Redaction.isSensitive("content-type")).isFalse();
    }

    @Test
    void aBodyIsCollectedWholeFromManyBuffersWithOrWithoutItsLengthAnnounced() throws Exception {
        byte[] body = new byte[5000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        for (Map<String, List<String>> headers : List.of(Map.<String, List<String>>of(),
                Map.of("Content-Length", List.of("5000")))) {
            var subscriber = BoundedBody.handler(8192).apply(responseInfo(headers));
            subscriber.onSubscribe(new NoSubscription());
            for (int from = 0; from < body.length; from += 700) {
                int to = Math.min(body.length, from + 700);
                // two buffers per call, as the client hands them, one of them a slice not starting at 0
                int mid = from + (to - from) / 3;
                subscriber.onNext(List.of(java.nio.ByteBuffer.wrap(body, from, mid - from),
                        java.nio.ByteBuffer.wrap(body, mid, to - mid).slice()));
            }
            subscriber.onComplete();

            assertThat(subscriber.getBody().toCompletableFuture().get()).as(headers.toString()).isEqualTo(body);
        }
    }

    @Test
    void aBodyWithoutAnnouncedLengthIsRefusedOnceItPassesTheCap() {
        var subscriber = BoundedBody.handler(1500).apply(responseInfo(Map.of()));
        NoSubscription subscription = new NoSubscription();
        subscriber.onSubscribe(subscription);
        subscriber.onNext(List.of(java.nio.ByteBuffer.wrap(new byte[1000])));
        subscriber.onNext(List.of(java.nio.ByteBuffer.wrap(new byte[501])));

        assertThat(subscription.cancelled).isTrue();
        assertThatThrownBy(() -> subscriber.getBody().toCompletableFuture().get())
                .hasCauseInstanceOf(BoundedBody.BodyTooLargeException.class)
                .hasMessageContaining("more than 1500 bytes refused");
    }

    private static java.net.http.HttpResponse.ResponseInfo responseInfo(Map<String, List<String>> headers) {
        return new java.net.http.HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(headers, (a, b) -> true);
            }

            @Override
            public java.net.http.HttpClient.Version version() {
                return java.net.http.HttpClient.Version.HTTP_1_1;
            }
        };
    }

    private static final class NoSubscription implements java.util.concurrent.Flow.Subscription {
        boolean cancelled;

        @Override
        public void request(long n) {
            // everything is pushed by the test
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Test
    void bodyCapMustBePositive() {
        assertThatThrownBy(() -> BoundedBody.handler(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
