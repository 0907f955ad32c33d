package io.desknotify.transport.http;

import java.util.concurrent.CompletionStage;

/**
 * Where a bearer-token transport gets its access tokens, for a token library the user brings (for example a
 * credential of {@code azure-identity} wrapped in one line) without this library depending on it. The transport
 * caches the token until shortly before it expires, asks for a new one once for any number of concurrent requests,
 * and asks again after the provider refuses a token (HTTP 401), once per refused token. The token never appears in a
 * log line, an exception message or a {@code toString}.
 */
@FunctionalInterface
public interface AccessTokenSource {

    /**
     * Fetches a new token. Called only when the transport needs one, never for every request.
     *
     * @return a stage completing with a fresh token, or exceptionally when none can be had (then the requests that
     *     waited for it fail without being sent)
     */
    CompletionStage<AccessToken> fetch();
}
