package io.desknotify.transport.http.citrix;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.TransportException;
import io.desknotify.transport.http.internal.BearerTokens;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The authorized calls of the CVAD API: every call carries {@code Authorization: CwsAuth Bearer=<token>} and
 * {@code Citrix-CustomerId}, site-scoped calls {@code Citrix-InstanceId}; a 401 renews the token once. The site id,
 * when not configured, is read once from {@code GET /cvad/manage/me}.
 */
final class CitrixApi {
    /** Most sends of one request: the first and up to three with renewed tokens (as Horizon's transport does). */
    static final int MAX_SENDS = 4;
    private static final System.Logger LOG = System.getLogger(CitrixApi.class.getName());

    private final CitrixHttp http;
    private final BearerTokens tokens;
    private final String customerId;
    private final String configuredSite;
    private final int readAttempts;
    private final Object siteLock = new Object();
    private CompletableFuture<String> site;

    CitrixApi(CitrixHttp http, BearerTokens tokens, String customerId, String siteId, int readAttempts) {
        this.http = http;
        this.tokens = tokens;
        this.customerId = customerId;
        this.configuredSite = siteId;
        this.readAttempts = readAttempts;
    }

    String provider() {
        return http.provider();
    }

    CitrixHttp http() {
        return http;
    }

    /** One site-scoped call, sent once (a send must never be repeated by the transport). */
    CompletableFuture<CitrixHttp.Answer> call(String operation, String method, String pathAndQuery, byte[] json) {
        return siteId().thenCompose(s -> authorized(operation, method, pathAndQuery, json, s));
    }

    /**
     * A site-scoped read ({@code GET}, or the {@code $search} POST that changes nothing), tried up to the configured
     * attempts while it fails {@code RETRYABLE} or {@code AMBIGUOUS} (a read acted on twice is harmless).
     */
    CompletableFuture<CitrixHttp.Answer> read(String operation, String method, String pathAndQuery, byte[] json) {
        return readAttempt(operation, method, pathAndQuery, json, 1);
    }

    private CompletableFuture<CitrixHttp.Answer> readAttempt(String operation, String method, String pq,
            byte[] json, int attempt) {
        return call(operation, method, pq, json).thenApply(a -> {
            if (attempt < readAttempts && (a.status() == 429 || a.status() >= 500)) {
                throw CitrixErrors.fromResponse(provider(), operation, a, http.throttlePause());
            }
            return a;
        }).handle((a, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(a);
            }
            TransportException te = CitrixErrors.fromFailure(provider(), operation, e);
            if (attempt >= readAttempts || te.retryability() == Retryability.FATAL
                    || te instanceof io.desknotify.api.AuthenticationException) {
                return CompletableFuture.<CitrixHttp.Answer>failedFuture(te);
            }
            Duration delay = te.retryAfter().orElse(Duration.ofMillis(200L * attempt));
            LOG.log(System.Logger.Level.DEBUG, () -> "Citrix " + provider() + ": " + operation + " attempt " + attempt
                    + " failed (" + te.getMessage() + "); trying again in " + delay.toMillis() + " ms");
            return http.after(delay, operation).thenCompose(v -> readAttempt(operation, method, pq, json,
                    attempt + 1));
        }).thenCompose(f -> f);
    }

    /**
     * Sends with the current token; a 401 proves Citrix did not act, so the request is repeated with a renewed token
     * (shared with every request that was refused the same token), at most {@value #MAX_SENDS} sends in all. The
     * last answer is returned whatever it is.
     */
    private CompletableFuture<CitrixHttp.Answer> authorized(String operation, String method, String pathAndQuery,
            byte[] json, String siteId) {
        return tokens.lease().thenCompose(lease -> send(operation, method, pathAndQuery, json, siteId, lease, 1));
    }

    private CompletableFuture<CitrixHttp.Answer> send(String operation, String method, String pathAndQuery,
            byte[] json, String siteId, BearerTokens.Lease lease, int sends) {
        return http.exchange(operation, method, pathAndQuery, json == null ? null : "application/json; charset=utf-8",
                json, headers(lease, siteId)).thenCompose(a -> a.status() != 401 || sends >= MAX_SENDS
                ? CompletableFuture.completedFuture(a)
                : tokens.renew(lease).thenCompose(next -> send(operation, method, pathAndQuery, json, siteId, next,
                        sends + 1)));
    }

    private Map<String, String> headers(BearerTokens.Lease lease, String siteId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "CwsAuth Bearer=" + lease.value());
        h.put("Citrix-CustomerId", customerId);
        if (siteId != null) {
            h.put("Citrix-InstanceId", siteId);
        }
        return h;
    }

    /** The configured site, or the one {@code GET /me} lists for the customer; asked once, again after a failure. */
    CompletableFuture<String> siteId() {
        if (configuredSite != null) {
            return CompletableFuture.completedFuture(configuredSite);
        }
        synchronized (siteLock) {
            if (site == null) {
                CompletableFuture<String> f = authorized("site lookup", "GET", "/cvad/manage/me", null, null)
                        .thenApply(this::siteOf);
                site = f;
                f.whenComplete((s, e) -> {
                    if (e != null) {
                        synchronized (siteLock) {
                            if (site == f) {
                                site = null;
                            }
                        }
                    }
                });
            }
            return site;
        }
    }

    private String siteOf(CitrixHttp.Answer a) {
        if (!a.ok()) {
            throw CitrixErrors.fromResponse(provider(), "site lookup (GET /cvad/manage/me)", a, http.throttlePause());
        }
        JsonObject me;
        try {
            me = Jsons.parseObject(a.body(), Jsons.DEFAULT_MAX_DEPTH);
        } catch (RuntimeException e) {
            throw CitrixErrors.unexpectedBody(provider(), "site lookup", a, "not a JSON object");
        }
        List<String> sites = new ArrayList<>();
        for (JsonValue c : Jsons.array(me, "Customers").orElse(JsonValue.EMPTY_JSON_ARRAY)) {
            if (c instanceof JsonObject customer && Jsons.string(customer, "Id").map(customerId::equalsIgnoreCase)
                    .orElse(false)) {
                for (JsonValue s : Jsons.array(customer, "Sites").orElse(JsonValue.EMPTY_JSON_ARRAY)) {
                    if (s instanceof JsonObject o) {
                        Jsons.string(o, "Id").filter(id -> !id.isBlank()).ifPresent(sites::add);
                    }
                }
            }
        }
        if (sites.size() != 1) {
            String why = sites.isEmpty() ? "Citrix lists no site for customer " + customerId
                    : "Citrix lists " + sites.size() + " sites for customer " + customerId + " (" + sites
                    + "); set site-id to the one to use";
            ConfigurationException cause = new ConfigurationException("siteId", why);
            throw TransportException.builder(Retryability.FATAL, provider() + ": " + why).provider(provider())
                    .httpStatus(a.status()).errorCode(sites.isEmpty() ? CitrixDaasTransport.NO_SITE
                            : CitrixDaasTransport.SITE_AMBIGUOUS).requestId(a.requestId()).cause(cause).build();
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "Citrix " + provider() + ": using site " + sites.get(0)
                + ", the only one GET /me lists for customer " + customerId);
        return sites.get(0);
    }

    /** The 2xx body as an object, or the unexpected-body failure. */
    JsonObject object(CitrixHttp.Answer a, String operation) {
        try {
            return Jsons.parseObject(a.body(), Jsons.DEFAULT_MAX_DEPTH);
        } catch (Jsons.MalformedJsonException e) {
            throw CitrixErrors.unexpectedBody(provider(), operation, a, e.getMessage());
        } catch (RuntimeException e) {
            throw CitrixErrors.unexpectedBody(provider(), operation, a, "not a JSON object");
        }
    }

    /** The {@code Items} of a {@code SessionResponseModelCollection}. */
    JsonArray items(CitrixHttp.Answer a, String operation) {
        return Jsons.array(object(a, operation), "Items")
                .orElseThrow(() -> CitrixErrors.unexpectedBody(provider(), operation, a, "no Items array"));
    }

    static Throwable unwrap(Throwable t) {
        return IoFailures.unwrap(t);
    }
}
