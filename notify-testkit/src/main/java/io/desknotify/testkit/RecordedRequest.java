package io.desknotify.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as an emulator received it, before any fault or check.
 *
 * @param time when the request arrived
 * @param route the matched route, or {@code null} when no route matched (answered 404)
 * @param method the HTTP method
 * @param path the raw path, still percent-encoded
 * @param query the raw query string, or an empty string
 * @param headers request headers, names in lower case; unmodifiable
 * @param body the raw request body; empty when there was none
 * @param requestId the {@code X-Request-Id} the emulator answered with
 */
public record RecordedRequest(Instant time, Route route, String method, String path, String query,
                              Map<String, List<String>> headers, byte[] body, String requestId) {

    /**
     * Copies and checks the components; the headers and the body are copied, so later changes to the arrays or
     * maps passed in do not show in the record.
     *
     * @param time when the request arrived
     * @param route the matched route, or {@code null} when no route matched
     * @param method the HTTP method
     * @param path the raw path, still percent-encoded
     * @param query the raw query string; {@code null} is kept as an empty string
     * @param headers request headers, names in lower case
     * @param body the raw request body; an empty array when there was none
     * @param requestId the {@code X-Request-Id} the emulator answered with
     * @throws NullPointerException if {@code time}, {@code method}, {@code path}, {@code headers}, {@code body} or
     *     {@code requestId} is {@code null}
     */
    public RecordedRequest {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        headers = Map.copyOf(headers);
        body = body.clone();
        Objects.requireNonNull(requestId, "requestId");
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param name a header name, any case
     * @return the first value of that header, or {@code null}
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Leaves out header values that carry credentials. */
    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + ", route=" + (route == null ? "none" : route.name()) + ", requestId=" + requestId
                + ", bodyBytes=" + body.length + "]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
